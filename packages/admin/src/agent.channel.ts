import type { AgentFrame, HANDOVER_SUBPROTOCOL, ServerToAgentFrame } from '@kommunechat/protocol';

// restated, checked against the protocol's type: importing the value would bundle its schemas
const SUBPROTOCOL: typeof HANDOVER_SUBPROTOCOL = 'kommunechat.v1';

/**
 * The agent's live channel: one WebSocket to `/api/v1/admin/agent/live` on the console's own origin, signed in by
 * the session cookie. While it is open the agent counts as online (unless a `status` frame says otherwise).
 */
export class AgentChannel {
  readonly #socket: WebSocket;

  constructor(events: { frame(f: ServerToAgentFrame): void; closed(code: number): void }) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/admin/agent/live`;
    this.#socket = new WebSocket(url, [SUBPROTOCOL]);
    this.#socket.onmessage = (e) => {
      try {
        events.frame(JSON.parse(String(e.data)) as ServerToAgentFrame);
      } catch {
        // a frame we cannot read is dropped; the server only sends JSON
      }
    };
    this.#socket.onclose = (e) => events.closed(e.code);
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** false when the socket is not open */
  send(frame: AgentFrame): boolean {
    if (!this.open) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  close(): void {
    this.#socket.onclose = null;
    this.#socket.onmessage = null;
    this.#socket.close();
  }
}

/** A client message id for the server's retry deduplication (`^[A-Za-z0-9_-]+$`). */
export function newClientMessageId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
