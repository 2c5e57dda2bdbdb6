// The agent view: live chat with citizens who asked for a person. Every text from the server goes in as text.
import type { HandoverState, LiveMessage, QueueItem, ServerToAgentFrame } from '@kommunechat/protocol';
import { AgentChannel, newClientMessageId } from './agent.channel.ts';
import { h, show } from './dom.ts';

export interface AgentViewContext {
  slug: string;
  /** the municipality whose queue is shown (the socket serves all of the agent's municipalities) */
  municipalityId: string;
  say(message: string): void;
}

/** Typing is sent at most this often, and the citizen's typing shown this long after their last signal. */
const TYPING_EVERY_MS = 1500;
const TYPING_SHOWN_MS = 4000;
/** how often the wait times in the queue are redrawn */
const QUEUE_TICK_MS = 15_000;

const ROLE_LABEL: Record<LiveMessage['role'], string> = { user: 'Citizen', bot: 'Bot', agent: 'Agent' };
const STATE_LABEL: Record<HandoverState, string> = {
  bot: 'Back with the bot',
  waiting: 'Waiting for a person',
  with_agent: 'In live chat',
  leaving_message: 'Leaving a message',
  message_left: 'Message left',
  closed: 'Closed',
};

interface Active {
  conversationId: string;
  state: HandoverState;
  shown: Set<number>;
  /** client message id -> its list item, until the server acknowledges the commit */
  pending: Map<string, HTMLElement>;
}

/** Wait time as the queue shows it. */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

class AgentConsole {
  readonly #ctx: AgentViewContext;
  #channel: AgentChannel | undefined;
  #online = true;
  #agentId = '';
  #queue: QueueItem[] = [];
  #active: Active | undefined;
  #lastTyping = 0;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #tick: ReturnType<typeof setInterval>;

  readonly #connection = h('p', { class: 'connection' }, 'Connecting …');
  readonly #toggle = h('button', { type: 'button', 'aria-pressed': 'true', class: 'online-toggle' }, 'Online');
  readonly #queueBody = h('tbody');
  readonly #queueEmpty = h('p', { class: 'queue-empty' }, 'Nobody is waiting.');
  // hidden while empty: a table of headers only tells a screen reader nothing
  readonly #queueTable = h(
    'table',
    { class: 'agent-queue', hidden: true },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Waiting', 'Language', 'State', 'Conversation'].map((c) => h('th', { scope: 'col' }, c)),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Action')),
      ),
    ),
    this.#queueBody,
  );
  readonly #conversation = h('section', { class: 'agent-conversation', 'aria-labelledby': 'agent-conv-h' });

  constructor(ctx: AgentViewContext) {
    this.#ctx = ctx;
    this.#toggle.addEventListener('click', () => this.#setOnline(!this.#online));
    this.#tick = setInterval(() => this.#renderQueue(), QUEUE_TICK_MS);
    this.#connect();
  }

  render(): void {
    show(
      h('h1', {}, 'Live chat'),
      h('p', {}, 'Status: ', this.#toggle, ' ', this.#connection),
      h(
        'section',
        { 'aria-labelledby': 'agent-queue-h' },
        h('h2', { id: 'agent-queue-h' }, 'Queue'),
        this.#queueEmpty,
        this.#queueTable,
      ),
      this.#conversation,
    );
    this.#renderQueue();
    this.#renderConversation();
  }

  stop(): void {
    clearInterval(this.#tick);
    clearTimeout(this.#typingTimer);
    this.#channel?.close();
    this.#channel = undefined;
  }

  #connect(): void {
    this.#channel?.close();
    this.#connection.textContent = 'Connecting …';
    this.#channel = new AgentChannel({
      frame: (f) => this.#onFrame(f),
      closed: () => this.#onClosed(),
    });
  }

  #onClosed(): void {
    this.#channel = undefined;
    this.#online = false;
    this.#updateToggle();
    this.#connection.textContent = 'Disconnected: your live chats went back to the queue.';
    this.#ctx.say('Disconnected from the live chat. Press Online to connect again.');
    if (this.#active) {
      for (const li of this.#active.pending.values()) li.textContent = 'Not sent.';
      this.#disableComposer();
    }
  }

  #setOnline(online: boolean): void {
    if (online && !this.#channel) {
      this.#online = true;
      this.#updateToggle();
      return this.#connect();
    }
    if (this.#channel?.send({ type: 'status', online })) {
      this.#online = online;
      this.#updateToggle();
    }
  }

  #updateToggle(): void {
    this.#toggle.textContent = this.#online ? 'Online' : 'Offline';
    this.#toggle.setAttribute('aria-pressed', String(this.#online));
  }

  #onFrame(f: ServerToAgentFrame): void {
    const active = this.#active;
    const mine = 'conversationId' in f && active !== undefined && f.conversationId === active.conversationId;
    switch (f.type) {
      case 'hello':
        this.#agentId = f.agentId;
        this.#connection.textContent = this.#online ? 'Connected: citizens can ask for you.' : 'Connected.';
        // a reconnect after going offline keeps the agent's choice
        if (!this.#online) this.#channel?.send({ type: 'status', online: false });
        return;
      case 'queue':
        this.#queue = f.items;
        return this.#renderQueue();
      case 'transcript':
        this.#active = {
          conversationId: f.conversationId,
          state: this.#queue.find((i) => i.conversationId === f.conversationId)?.state ?? 'with_agent',
          shown: new Set(),
          pending: new Map(),
        };
        this.#renderConversation();
        for (const m of f.messages) this.#addMessage(m);
        return;
      case 'ack':
        if (f.action === 'online' || f.action === 'offline')
          this.#connection.textContent = f.action === 'online' ? 'Citizens can ask for you.' : 'You are offline.';
        if (f.action === 'take' && mine) this.#setState('with_agent');
        if (mine && f.clientMessageId) {
          active.pending.get(f.clientMessageId)?.remove();
          active.pending.delete(f.clientMessageId);
        }
        return;
      case 'message':
        if (mine) this.#addMessage(f.message);
        return;
      case 'typing':
        if (mine) this.#showTyping();
        return;
      case 'state':
        this.#queue = this.#queue.map((i) =>
          i.conversationId === f.conversationId ? { ...i, state: f.state, agentId: f.agentId } : i,
        );
        this.#renderQueue();
        if (mine) this.#setState(f.state);
        return;
      case 'deleted':
        this.#queue = this.#queue.filter((i) => i.conversationId !== f.conversationId);
        this.#renderQueue();
        if (mine) this.#deleted();
        return;
      case 'error':
        this.#ctx.say(f.message);
        return;
      case 'joined':
      case 'left':
        return;
    }
  }

  #renderQueue(): void {
    const items = this.#queue.filter((i) => i.municipalityId === this.#ctx.municipalityId);
    this.#queueEmpty.hidden = items.length > 0;
    this.#queueTable.hidden = items.length === 0;
    const now = Date.now();
    this.#queueBody.replaceChildren(
      ...items.map((i) => {
        const action =
          i.state === 'waiting'
            ? h('button', { type: 'button', onclick: () => this.#take(i.conversationId) }, 'Take')
            : i.state === 'with_agent' && i.agentId === this.#agentId
              ? h('button', { type: 'button', onclick: () => this.#open(i.conversationId) }, 'Open')
              : '';
        return h(
          'tr',
          { 'data-conversation': i.conversationId },
          h('td', {}, formatWait(now - Date.parse(i.since))),
          h('td', {}, i.language),
          h('td', {}, STATE_LABEL[i.state]),
          h('td', {}, h('code', {}, i.conversationId.slice(0, 8))),
          h('td', {}, action),
        );
      }),
    );
  }

  #take(conversationId: string): void {
    if (!this.#channel?.send({ type: 'take', conversationId })) this.#ctx.say('Not connected.');
  }

  #open(conversationId: string): void {
    if (!this.#channel?.send({ type: 'transcript', conversationId })) this.#ctx.say('Not connected.');
  }

  #renderConversation(): void {
    const active = this.#active;
    if (!active) {
      this.#conversation.replaceChildren(
        h('h2', { id: 'agent-conv-h' }, 'Conversation'),
        h('p', {}, 'Take a conversation from the queue.'),
      );
      return;
    }
    const input = h('textarea', { id: 'agent-input', rows: 3, maxlength: 2000, required: true });
    input.addEventListener('input', () => this.#sendTyping());
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    const form = h(
      'form',
      { class: 'agent-composer' },
      h('label', { for: 'agent-input' }, 'Your message (the citizen sees it as written by a person)'),
      input,
      h('button', { type: 'submit' }, 'Send'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#sendMessage(input);
    });
    this.#conversation.replaceChildren(
      h('h2', { id: 'agent-conv-h' }, 'Conversation ', h('code', {}, active.conversationId.slice(0, 8))),
      h('p', { class: 'agent-state' }, STATE_LABEL[active.state]),
      h('p', {}, 'The transcript is masked: personal data the citizen wrote was removed before it was stored.'),
      h('ol', { class: 'messages agent-transcript', 'aria-live': 'polite' }),
      h('p', { class: 'agent-typing', 'aria-live': 'polite' }),
      form,
      h(
        'p',
        {},
        h('button', { type: 'button', onclick: () => this.#action('release') }, 'Hand back to the bot'),
        h('button', { type: 'button', onclick: () => this.#action('close') }, 'Close conversation'),
      ),
    );
    if (active.state !== 'with_agent') this.#disableComposer();
  }

  #transcript(): HTMLElement | null {
    return this.#conversation.querySelector('.agent-transcript');
  }

  #addMessage(m: LiveMessage): void {
    const active = this.#active;
    const list = this.#transcript();
    if (!active || !list || active.shown.has(m.id)) return;
    active.shown.add(m.id);
    if (m.role === 'user') this.#hideTyping();
    list.append(
      h(
        'li',
        { class: `message ${m.role}` },
        h('span', { class: 'role' }, ROLE_LABEL[m.role]),
        ' ',
        h('time', { datetime: m.at }, new Date(m.at).toLocaleTimeString()),
        h('p', {}, m.text),
      ),
    );
  }

  #sendMessage(input: HTMLTextAreaElement): void {
    const active = this.#active;
    const text = input.value.trim();
    if (!active || !text) return;
    const clientMessageId = newClientMessageId();
    if (!this.#channel?.send({ type: 'message', conversationId: active.conversationId, clientMessageId, text })) {
      this.#ctx.say('Not connected: the message was not sent.');
      return;
    }
    // shown as the stored text once committed; until the ack only as "sending"
    const li = h('li', { class: 'message agent pending' }, 'Sending …');
    active.pending.set(clientMessageId, li);
    this.#transcript()?.append(li);
    input.value = '';
    input.focus();
  }

  #sendTyping(): void {
    const active = this.#active;
    const now = Date.now();
    if (!active || now - this.#lastTyping < TYPING_EVERY_MS) return;
    if (this.#channel?.send({ type: 'typing', conversationId: active.conversationId })) this.#lastTyping = now;
  }

  #showTyping(): void {
    const el = this.#conversation.querySelector('.agent-typing');
    if (!el) return;
    el.textContent = 'The citizen is typing …';
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.#hideTyping(), TYPING_SHOWN_MS);
  }

  #hideTyping(): void {
    clearTimeout(this.#typingTimer);
    const el = this.#conversation.querySelector('.agent-typing');
    if (el) el.textContent = '';
  }

  #action(type: 'release' | 'close'): void {
    const active = this.#active;
    if (active && !this.#channel?.send({ type, conversationId: active.conversationId }))
      this.#ctx.say('Not connected.');
  }

  #setState(state: HandoverState): void {
    const active = this.#active;
    if (!active) return;
    active.state = state;
    const el = this.#conversation.querySelector('.agent-state');
    if (el) el.textContent = STATE_LABEL[state];
    if (state !== 'with_agent') {
      this.#disableComposer();
      this.#hideTyping();
      this.#ctx.say(`Conversation: ${STATE_LABEL[state]}.`);
    } else {
      for (const el of this.#conversation.querySelectorAll<HTMLButtonElement | HTMLTextAreaElement>('textarea, button'))
        el.disabled = false;
    }
  }

  #disableComposer(): void {
    for (const el of this.#conversation.querySelectorAll<HTMLButtonElement | HTMLTextAreaElement>('textarea, button'))
      el.disabled = true;
  }

  #deleted(): void {
    const active = this.#active;
    if (!active) return;
    active.state = 'closed';
    this.#hideTyping();
    // the content goes from the screen as it went from the database
    this.#transcript()?.replaceChildren();
    const el = this.#conversation.querySelector('.agent-state');
    if (el) el.textContent = 'Deleted by the citizen.';
    this.#disableComposer();
    this.#ctx.say('The citizen deleted the conversation.');
  }
}

let current: AgentConsole | undefined;

/** Shows the agent view; its socket stays open while the view is, and closes when the agent leaves it. */
export function agentView(ctx: AgentViewContext): Promise<void> {
  current?.stop();
  current = new AgentConsole(ctx);
  current.render();
  return Promise.resolve();
}

addEventListener('hashchange', () => {
  if (current && !/\/agent$/.test(location.hash)) {
    current.stop();
    current = undefined;
  }
});
