import type { Logger } from 'pino';
import type { Config } from '../config/config.schema.ts';
import { createRuntime } from '../runtime.ts';
import { buildApp } from './app.ts';
import { retentionLimits } from '../config/load-config.ts';
import { scheduleJobs } from '../jobs/job.scheduler.ts';

/** Starts the server and shuts it down gracefully on SIGTERM/SIGINT: stop accepting, finish in-flight, close the database. */
export async function serve(config: Config, logger: Logger): Promise<void> {
  const runtime = await createRuntime(config, logger);
  const app = await buildApp(runtime);
  let jobs: { stop(): Promise<void> } | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ event: 'shutdown', signal });
    const timer = setTimeout(() => {
      logger.error({ event: 'shutdown_timeout' });
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close();
      await jobs?.stop();
      await runtime.close();
      logger.info({ event: 'stopped' });
      logger.flush?.();
      process.exit(0);
    } catch (err) {
      logger.error({ event: 'shutdown_failed', err });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ event: 'listening', port, database: runtime.store.kind });
  if (config.jobsEnabled) {
    jobs = scheduleJobs(
      { store: runtime.store, clock: runtime.clock, retention: retentionLimits(config) },
      logger,
      config.jobIntervalMinutes,
    );
  }
}
