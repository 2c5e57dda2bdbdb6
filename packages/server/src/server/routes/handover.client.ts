import { HANDOVER_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '@kommunechat/protocol';

/** Any frame the server sends, loosely typed for tests and the bench. */
export type AnyFrame = { type: string } & Record<string, unknown>;

/**
 * A small Node client of the live channel (the built-in WebSocket, which can set Origin and Cookie), collecting
 * every frame so tests and the bench can wait for the one they expect.
 */
export class LiveClient {
  readonly frames: AnyFrame[] = [];
  readonly socket: WebSocket;
  closed: { code: number; reason: string } | undefined;
  readonly #waiters = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (e) => {
      this.frames.push(JSON.parse(String(e.data)) as AnyFrame);
      for (const w of this.#waiters) w();
    });
    socket.addEventListener('close', (e) => {
      this.closed = { code: e.code, reason: e.reason };
      for (const w of this.#waiters) w();
    });
  }

  /** Opens a socket; rejects when the handshake is refused. */
  static open(url: string, options: { origin: string; cookie?: string; token?: string }): Promise<LiveClient> {
    const protocols = [HANDOVER_SUBPROTOCOL, ...(options.token ? [`${TOKEN_SUBPROTOCOL_PREFIX}${options.token}`] : [])];
    const headers: Record<string, string> = {
      origin: options.origin,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    };
    // Node's WebSocket (undici) takes headers in its init object, browsers do not: tests only
    const socket = new WebSocket(url, { protocols, headers } as unknown as string[]);
    const client = new LiveClient(socket);
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(client), { once: true });
      socket.addEventListener('error', () => reject(new Error('handshake refused')), { once: true });
    });
  }

  send(frame: object | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (from `from` on) matching, waiting up to `ms`. */
  waitFor(match: (f: AnyFrame) => boolean, options: { ms?: number; from?: number } = {}): Promise<AnyFrame> {
    const from = options.from ?? 0;
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.frames.slice(from).find(match);
        if (hit) {
          cleanup();
          resolve(hit);
        } else if (this.closed) {
          cleanup();
          reject(new Error(`socket closed (${this.closed.code}) before the frame came`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no matching frame within ${options.ms ?? 5000} ms; got ${this.frames.map((f) => f.type).join(',')}`,
          ),
        );
      }, options.ms ?? 5000);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  waitClosed(ms = 5000): Promise<{ code: number; reason: string }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.closed) {
          clearTimeout(timer);
          this.#waiters.delete(check);
          resolve(this.closed);
        }
      };
      const timer = setTimeout(() => reject(new Error('socket still open')), ms);
      this.#waiters.add(check);
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}
