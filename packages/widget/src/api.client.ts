import type {
  DeleteReceipt,
  EndConversationBody,
  Language,
  PublicMunicipality,
  SendMessageBody,
  SendMessageResponse,
  StartConversationResponse,
} from '@kommunechat/protocol';

/** A failed call: `status` 0 means the request never got an answer (offline, DNS, CORS, aborted). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string) {
    super(`kommunechat API: ${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
  /** Worth sending again with the same client message id: the server may or may not have committed it. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** One stored message as the export returns it (the citizen's text as stored: masked). */
export interface ExportedMessage {
  role: 'user' | 'bot' | 'agent';
  text: string;
  at: string;
}

export interface ConversationAuth {
  conversationId: string;
  token: string;
}

/** The public chat API of the kommunechat server the widget was loaded from. */
export class ApiClient {
  readonly #base: string;

  constructor(base: string) {
    this.#base = base;
  }

  async #call(method: string, path: string, options: { token?: string; body?: object } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (options.body) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let res: Response;
    try {
      res = await fetch(this.#base + path, {
        method,
        headers,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        ...(options.body ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network');
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
      throw new ApiError(res.status, body?.error?.code ?? 'http_error');
    }
    return res;
  }

  async municipality(slug: string): Promise<PublicMunicipality> {
    return (await this.#call('GET', `/api/v1/municipalities/${encodeURIComponent(slug)}`)).json();
  }

  async start(slug: string, language: Language): Promise<StartConversationResponse> {
    const res = await this.#call('POST', `/api/v1/municipalities/${encodeURIComponent(slug)}/conversations`, {
      body: { language, channel: 'web' },
    });
    return res.json();
  }

  /** Sends one message; a repeat with the same `clientMessageId` returns the stored reply instead of a second one. */
  async send(auth: ConversationAuth, body: SendMessageBody): Promise<SendMessageResponse> {
    return (
      await this.#call('POST', `/api/v1/conversations/${auth.conversationId}/messages`, { token: auth.token, body })
    ).json();
  }

  /** Stops waiting for a person: the handover closes and the bot carries on. */
  async cancelWaiting(auth: ConversationAuth): Promise<void> {
    await this.#call('POST', `/api/v1/conversations/${auth.conversationId}/handover/cancel`, { token: auth.token });
  }

  async end(auth: ConversationAuth, body: EndConversationBody): Promise<void> {
    await this.#call('POST', `/api/v1/conversations/${auth.conversationId}/end`, { token: auth.token, body });
  }

  async export(auth: ConversationAuth, format: 'json' | 'txt'): Promise<Blob> {
    return (
      await this.#call('GET', `/api/v1/conversations/${auth.conversationId}/export?format=${format}`, {
        token: auth.token,
      })
    ).blob();
  }

  async messages(auth: ConversationAuth): Promise<ExportedMessage[]> {
    const data = JSON.parse(await (await this.export(auth, 'json')).text()) as { messages: ExportedMessage[] };
    return data.messages;
  }

  async delete(auth: ConversationAuth): Promise<DeleteReceipt> {
    return (await this.#call('DELETE', `/api/v1/conversations/${auth.conversationId}`, { token: auth.token })).json();
  }
}
