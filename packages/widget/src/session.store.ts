import type { Language } from '@kommunechat/protocol';

interface QuickReply {
  label: string;
  payload: string;
}

/** A message sent but not yet answered: kept so a reload or navigation mid-send can retry it under the same id. */
export interface PendingMessage {
  clientMessageId: string;
  text: string;
  quickReply?: string;
}

/**
 * What the widget keeps in sessionStorage so the conversation survives navigation within the site. The transcript
 * itself is not kept here: it is fetched back from the server (as stored, masked) when the widget is restored.
 */
export interface SessionState {
  conversationId: string;
  token: string;
  language: Language;
  open: boolean;
  readAloud: boolean;
  /** the quick replies under the last answer, which the export does not carry */
  quickReplies: QuickReply[];
  pending?: PendingMessage;
  /** a person was asked for or is chatting: the live channel is reopened after navigation */
  live?: boolean;
}

/** sessionStorage access for one municipality; every call tolerates storage being unavailable (privacy modes). */
export class SessionStore {
  readonly #key: string;

  constructor(slug: string) {
    this.#key = `kommunechat:${slug}`;
  }

  read(): SessionState | undefined {
    try {
      const raw = sessionStorage.getItem(this.#key);
      const state = raw ? (JSON.parse(raw) as SessionState) : undefined;
      return state && typeof state.conversationId === 'string' && typeof state.token === 'string' ? state : undefined;
    } catch {
      return undefined;
    }
  }

  write(state: SessionState): void {
    try {
      sessionStorage.setItem(this.#key, JSON.stringify(state));
    } catch {
      // Storage full or blocked: the conversation still works on this page, it just won't survive navigation.
    }
  }

  clear(): void {
    try {
      sessionStorage.removeItem(this.#key);
    } catch {
      // Nothing stored if storage is blocked.
    }
  }
}

/** A random id for a message, for the server's retry deduplication (`^[A-Za-z0-9_-]+$`, 22 characters). */
export function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
