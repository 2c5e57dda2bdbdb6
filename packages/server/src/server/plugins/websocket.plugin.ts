import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { HANDOVER_LIMITS, HANDOVER_SUBPROTOCOL } from '@kommunechat/protocol';

/**
 * WebSockets for the live handover. Frames above the size limit close the connection (1009) before they are
 * parsed; the only subprotocol answered is ours, so a token sent as a second subprotocol is never echoed back.
 */
export const websocketPlugin = fp(
  async (app) => {
    await app.register(websocket, {
      options: {
        maxPayload: HANDOVER_LIMITS.frameMaxBytes,
        perMessageDeflate: false,
        handleProtocols: (protocols: Set<string>) =>
          protocols.has(HANDOVER_SUBPROTOCOL) ? HANDOVER_SUBPROTOCOL : false,
      },
    });
  },
  { name: 'kommunechat-websocket' },
);

/** The part of a `ws` socket the handover uses (the package ships no types of its own). */
export interface LiveSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): void;
  on(event: 'close', listener: () => void): void;
}

/** Parses and validates one incoming frame; undefined for anything malformed (the connection survives it). */
export function frameParser<T extends TSchema>(schema: T): (data: unknown, isBinary: boolean) => Static<T> | undefined {
  const check = TypeCompiler.Compile(schema);
  return (data, isBinary) => {
    if (isBinary) return undefined;
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data as Buffer[]).toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    return check.Check(value) ? (value as Static<T>) : undefined;
  };
}

/**
 * A fixed-window frame budget per connection: frames over budget are refused with an error frame, and a client
 * that keeps flooding is disconnected.
 */
export class FrameLimiter {
  #windowStart = 0;
  #count = 0;
  readonly #budget: number;
  readonly #now: () => number;
  constructor(budget: number = HANDOVER_LIMITS.framesPerWindow, now: () => number = Date.now) {
    this.#budget = budget;
    this.#now = now;
  }

  /** 'ok', 'refuse' (over budget) or 'close' (flooding). */
  take(): 'ok' | 'refuse' | 'close' {
    const now = this.#now();
    if (now - this.#windowStart >= HANDOVER_LIMITS.windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    this.#count++;
    if (this.#count <= this.#budget) return 'ok';
    return this.#count > this.#budget + HANDOVER_LIMITS.floodCloseAfter ? 'close' : 'refuse';
  }
}

/** Whether the handshake's Origin is this server itself (the admin console, the demo pages). */
export function isSameOrigin(origin: string | undefined, req: { protocol: string; host: string }): boolean {
  return origin !== undefined && origin === `${req.protocol}://${req.host}`;
}
