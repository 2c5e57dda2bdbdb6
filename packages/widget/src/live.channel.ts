import type {
  HANDOVER_INTENT,
  HANDOVER_SUBPROTOCOL,
  ServerToVisitorFrame,
  TOKEN_SUBPROTOCOL_PREFIX,
  VisitorFrame,
} from '@kommunechat/protocol';
import type { ConversationAuth } from './api.client.ts';

// The protocol's values are restated here, checked against its types: importing them would pull its schemas
// (TypeBox) into the bundle.
/** The bot message after which the widget opens the live channel. */
export const WAITING_INTENT: (typeof HANDOVER_INTENT)['waiting'] = 'handover.waiting';
const SUBPROTOCOL: typeof HANDOVER_SUBPROTOCOL = 'kommunechat.v1';
const TOKEN_PREFIX: typeof TOKEN_SUBPROTOCOL_PREFIX = 'kc-token.';

export interface LiveEvents {
  frame(frame: ServerToVisitorFrame): void;
  /** the socket is gone (or never opened); `code` 4404 means the conversation was deleted */
  closed(code: number): void;
}

/**
 * The visitor's live channel while a person is asked for or chatting: one WebSocket to the kommunechat server. The
 * token travels as a subprotocol, never in the URL (which proxies and logs keep).
 */
export class LiveChannel {
  readonly #socket: WebSocket;

  constructor(apiBase: string, auth: ConversationAuth, events: LiveEvents) {
    const url = `${apiBase.replace(/^http/, 'ws')}/api/v1/conversations/${auth.conversationId}/live`;
    this.#socket = new WebSocket(url, [SUBPROTOCOL, TOKEN_PREFIX + auth.token]);
    this.#socket.onmessage = (e) => {
      let frame: ServerToVisitorFrame;
      try {
        frame = JSON.parse(String(e.data)) as ServerToVisitorFrame;
      } catch {
        return;
      }
      events.frame(frame);
    };
    this.#socket.onclose = (e) => events.closed(e.code);
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** Sends a frame; false when the socket is not open (the caller falls back to HTTP). */
  send(frame: VisitorFrame): boolean {
    if (!this.open) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  /** Closes without reporting back: the widget chose to stop. */
  close(): void {
    this.#socket.onclose = null;
    this.#socket.onmessage = null;
    this.#socket.close();
  }
}
