import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * The one logger setup. Log lines carry event names, ids, routes, statuses and counts only: never a request
 * body, a query string, a header value or a client IP address, because any of those can carry personal data.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      req: (req: { id?: string; method?: string; routeOptions?: { url?: string } }) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url ?? '(unmatched)',
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
      error: safeError,
    },
    // Belt and braces: should any of these ever be attached to a log line, they are removed.
    redact: {
      paths: [
        'headers',
        'req.headers',
        'body',
        'req.body',
        'query',
        'req.query',
        'url',
        'req.url',
        'ip',
        'ips',
        'remoteAddress',
        'req.remoteAddress',
        'hostname',
        'text',
        '*.text',
        'token',
        '*.token',
        'authorization',
        'cookie',
      ],
      remove: true,
    },
  };
}

/** An error as it may be logged: its kind, code and stack frames, but not its message (which can quote input). */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .slice(0, 12)
    .map((l) => l.trim());
  return {
    type: e.name,
    code: typeof e.code === 'string' ? e.code : undefined,
    statusCode: e.statusCode,
    stack: frames,
  };
}

/** A logger writing to `destination`, else to stdout asynchronously (flushed at shutdown) so logging never blocks a request. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(loggerOptions(level), destination ?? pino.destination({ dest: 1, sync: false }));
}

/**
 * Fastify's request logging, reduced to one safe line per request: id, method, route pattern, status and
 * duration. Never the URL (its query string), body, headers or IP; errors are logged without their message.
 */
export class SafeLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'reqId' });
  }
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = {
      event: 'request',
      method: req.method,
      route: req.routeOptions.url ?? '(unmatched)',
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error });
    else reply.log.info(line);
  }
  override defaultErrorLog(error: Error, _req: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ event: 'request_failed', err: error });
  }
  override routeNotFound(): void {}
}
