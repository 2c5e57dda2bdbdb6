import type {
  BotMessage,
  HandoverState,
  Language,
  LiveMessage,
  PublicMunicipality,
  ServerToVisitorFrame,
  Weekday,
} from '@kommunechat/protocol';
import { ApiClient, ApiError, type ConversationAuth, type ExportedMessage } from './api.client.ts';
import { parseBotText, plainText } from './bot-text.parser.ts';
import { h, icon, ICONS, renderBlocks } from './dom.helpers.ts';
import { LiveChannel, WAITING_INTENT } from './live.channel.ts';
import { newClientMessageId, SessionStore, type PendingMessage, type SessionState } from './session.store.ts';
import { readableColour } from './theme.colour.ts';
import { canRecognise, canSpeak, VoiceController } from './voice.controller.ts';
import { LANGUAGE_NAMES, SPEECH_LOCALES, TEXTS, type WidgetTexts } from './widget.texts.ts';

type QuickReply = NonNullable<BotMessage['quickReplies']>[number];
/** Keys of the widget's plain-string texts: the ones an element can be bound to and re-rendered on language change. */
type TextKey = { [K in keyof WidgetTexts]: WidgetTexts[K] extends string ? K : never }[keyof WidgetTexts];
type Phase = 'idle' | 'loading' | 'failed' | 'notice' | 'chat' | 'ended' | 'deleted';

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const GOODBYE_INTENT = 'bot.goodbye';
/** Automatic retries of a message whose fate is unknown (network error or 5xx), before the visitor is asked. */
const AUTO_RETRIES = 1;
const RETRY_DELAY_MS = 1500;
/** A message sent over the live channel and not acknowledged by then goes again over HTTP (same client id). */
const ACK_TIMEOUT_MS = 10_000;
/** Reconnects of a dropped live channel (backing off from 1 s) before the widget stays on HTTP alone. */
const LIVE_RECONNECTS = 5;
/** Typing is sent at most this often, and the person's typing shown this long after their last signal. */
const TYPING_EVERY_MS = 1500;
const TYPING_SHOWN_MS = 4000;

/** The quick replies to offer after a batch of messages: those of the last message that has any. */
function offeredReplies(messages: BotMessage[]): QuickReply[] {
  return [...messages].reverse().find((m) => (m.quickReplies?.length ?? 0) > 0)?.quickReplies ?? [];
}

export interface ChatWidgetOptions {
  root: ShadowRoot;
  /** the custom element hosting the shadow root, themed through a custom property */
  host: HTMLElement;
  slug: string;
  /** the origin of the kommunechat server, where widget.js came from */
  apiBase: string;
  language: Language;
}

/**
 * The chat widget: launcher, dialog, conversation, ?-menu and voice. Nothing is requested or stored until the
 * visitor opens it; after that the conversation lives on the server and its id and token in sessionStorage.
 */
export class ChatWidget {
  readonly #o: ChatWidgetOptions;
  readonly #api: ApiClient;
  readonly #store: SessionStore;
  readonly #voice = new VoiceController();
  #lang: Language;
  #phase: Phase = 'idle';
  #municipality: PublicMunicipality | undefined;
  #auth: ConversationAuth | undefined;
  #pending: PendingMessage | undefined;
  #inFlight = false;
  #quickReplies: QuickReply[] = [];
  #readAloud = false;
  // the live handover: the channel, whether it should be open, and what the server last said about it
  #live: LiveChannel | undefined;
  #liveWanted = false;
  #liveState: HandoverState | undefined;
  #liveReconnects = 0;
  #withAgent = false;
  /** the pending message went over the socket and waits for its ack */
  #viaSocket = false;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  #lastTypingSent = 0;
  #agentTyping: HTMLElement | undefined;
  #agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  /** ids of the bot's and the person's messages on screen: one may come both over HTTP and the socket */
  readonly #seen = new Set<number>();

  readonly #launcher: HTMLButtonElement;
  readonly #panel: HTMLElement;
  readonly #title: HTMLHeadingElement;
  readonly #logo: HTMLImageElement;
  readonly #menuButton: HTMLButtonElement;
  readonly #menu: HTMLElement;
  readonly #scroll: HTMLElement;
  readonly #list: HTMLOListElement;
  readonly #banner: HTMLElement;
  readonly #composer: HTMLFormElement;
  readonly #input: HTMLTextAreaElement;
  readonly #mic: HTMLButtonElement | undefined;
  readonly #announcer: HTMLElement;

  constructor(options: ChatWidgetOptions) {
    this.#o = options;
    this.#lang = options.language;
    this.#api = new ApiClient(options.apiBase);
    this.#store = new SessionStore(options.slug);

    this.#launcher = h(
      'button',
      { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog' },
      icon(ICONS.chat),
      this.#tx('span', 'launcher'),
    );
    this.#label(this.#launcher, 'openChat');
    this.#launcher.addEventListener('click', () => this.open(true));

    this.#title = h('h2', { id: 'kc-title' });
    this.#logo = h('img', { class: 'logo', alt: '', hidden: true });
    this.#logo.addEventListener('error', () => (this.#logo.hidden = true));
    this.#menuButton = this.#iconButton(ICONS.help, 'menu');
    this.#menuButton.setAttribute('aria-expanded', 'false');
    this.#menuButton.setAttribute('aria-controls', 'kc-menu');
    this.#menuButton.addEventListener('click', () => (this.#menu.hidden ? this.#openMenu() : this.#closeMenu(true)));
    const closeButton = this.#iconButton(ICONS.close, 'close');
    closeButton.addEventListener('click', () => this.close());

    this.#list = h('ol', { class: 'msgs' });
    // Focusable so keyboard users can scroll a long conversation.
    this.#scroll = h('div', { class: 'scroll', role: 'region', tabindex: '0' });
    this.#label(this.#scroll, 'conversation');
    this.#menu = h('div', { id: 'kc-menu', class: 'menu', hidden: true });
    this.#banner = h('p', { class: 'banner', hidden: true });

    this.#input = h('textarea', { id: 'kc-input', rows: '1', maxlength: '2000', autocomplete: 'off' });
    this.#bindAttr(this.#input, 'placeholder', 'placeholder');
    const sendTyped = () => {
      const text = this.#input.value.trim();
      if (text) this.#submit(text);
    };
    this.#input.addEventListener('input', () => this.#sendTyping());
    this.#input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        sendTyped();
      }
    });
    const send = this.#iconButton(ICONS.send, 'send');
    send.type = 'submit';
    this.#mic = canRecognise() ? this.#iconButton(ICONS.mic, 'speak') : undefined;
    this.#mic?.setAttribute('aria-pressed', 'false');
    this.#mic?.addEventListener('click', () => this.#toggleListening());
    this.#composer = h(
      'form',
      { class: 'composer', hidden: true },
      this.#tx('label', 'inputLabel', { class: 'sr', for: 'kc-input' }),
      this.#input,
      this.#mic,
      send,
    );
    this.#composer.addEventListener('submit', (e) => {
      e.preventDefault();
      sendTyped();
    });

    this.#announcer = h('div', { class: 'sr', 'aria-live': 'polite' });
    this.#panel = h(
      'section',
      { class: 'panel', role: 'dialog', 'aria-labelledby': 'kc-title', tabindex: '-1', hidden: true },
      h(
        'header',
        { class: 'head' },
        this.#logo,
        h('div', { class: 'titles' }, this.#title, this.#tx('p', 'assistant')),
        this.#menuButton,
        closeButton,
      ),
      h('div', { class: 'body' }, this.#scroll, this.#menu),
      this.#banner,
      this.#composer,
      this.#announcer,
    );
    this.#panel.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      if (!this.#menu.hidden) this.#closeMenu(true);
      else this.close();
    });
    this.#applyLanguage();
    options.root.append(this.#launcher, this.#panel);

    addEventListener('online', () => this.#onConnectivity());
    addEventListener('offline', () => this.#onConnectivity());

    const saved = this.#store.read();
    if (saved?.open) this.open(false);
  }

  get #t(): WidgetTexts {
    return TEXTS[this.#lang];
  }

  /** Opens the dialog; `byVisitor` moves focus into it (a restore after navigation must not steal focus). */
  open(byVisitor: boolean): void {
    this.#panel.hidden = false;
    this.#launcher.hidden = true;
    if (this.#phase === 'idle') void this.#load(byVisitor);
    else if (byVisitor) this.#focusDefault();
    this.#persist();
  }

  close(): void {
    this.#closeMenu(false);
    this.#voice.stopListening();
    this.#panel.hidden = true;
    this.#launcher.hidden = false;
    this.#launcher.focus();
    this.#persist();
  }

  // ——— loading, notice, start, restore ———

  async #load(focus: boolean): Promise<void> {
    this.#setPhase('loading');
    this.#show(this.#tx('p', 'loading'));
    if (focus) this.#panel.focus();
    try {
      this.#municipality = await this.#api.municipality(this.#o.slug);
    } catch {
      this.#loadFailed(focus);
      return;
    }
    const m = this.#municipality;
    if (!m.languages.includes(this.#lang)) {
      this.#lang = m.defaultLanguage;
      this.#applyLanguage();
    }
    this.#o.host.style.setProperty('--kc-colour', readableColour(m.theme.colour));
    this.#title.textContent = m.name;
    const logo = m.theme.logoUrl ? new URL(m.theme.logoUrl, this.#o.apiBase) : undefined;
    if (logo && /^https?:$/.test(logo.protocol)) {
      this.#logo.src = logo.href;
      this.#logo.hidden = false;
    }
    const saved = this.#store.read();
    if (saved) await this.#restore(saved, focus);
    else this.#showNotice(focus);
  }

  #loadFailed(focus: boolean): void {
    this.#setPhase('failed');
    const retry = this.#tx('button', 'tryAgain', { type: 'button', class: 'btn primary' });
    retry.addEventListener('click', () => void this.#load(true));
    this.#show(h('div', { class: 'card' }, this.#tx('p', 'loadFailed'), retry));
    this.#announce(this.#t.loadFailed);
    if (focus) retry.focus();
  }

  #showNotice(focus: boolean): void {
    const m = this.#municipality;
    if (!m) return;
    this.#setPhase('notice');
    const t = this.#t;
    const start = this.#tx('button', 'start', {
      type: 'button',
      class: 'btn primary',
      'aria-describedby': 'kc-notice',
    });
    start.addEventListener('click', () => void this.#start(), { once: true });
    this.#show(
      h(
        'div',
        { class: 'card', id: 'kc-notice' },
        this.#tx('h3', 'noticeTitle'),
        h('p', {}, t.noticeAi(m.name)),
        h('p', {}, t.noticeStored(m.retentionDays)),
        h('p', {}, h('strong', {}, t.noticeAdvice)),
        h('p', {}, this.#externalLink(m.privacyStatementUrl, 'privacyStatement')),
      ),
      h('div', { class: 'row' }, start),
    );
    if (focus) start.focus();
  }

  async #start(): Promise<void> {
    this.#show(this.#tx('p', 'loading'));
    try {
      const started = await this.#api.start(this.#o.slug, this.#lang);
      this.#auth = { conversationId: started.conversationId, token: started.token };
      this.#lang = started.language;
      this.#applyLanguage();
      this.#beginConversation();
      this.#botMessages(started.messages, started.language);
      this.#persist();
      this.#input.focus();
    } catch {
      this.#loadFailed(true);
    }
  }

  #beginConversation(): void {
    this.#setPhase('chat');
    this.#list.replaceChildren();
    this.#show(this.#list);
  }

  /** Back after navigation: resend a message that was in flight, then show the conversation as the server has it. */
  async #restore(saved: SessionState, focus: boolean): Promise<void> {
    this.#auth = { conversationId: saved.conversationId, token: saved.token };
    this.#lang = saved.language;
    this.#readAloud = saved.readAloud;
    this.#quickReplies = saved.quickReplies;
    this.#pending = saved.pending;
    this.#applyLanguage();
    let history: ExportedMessage[];
    try {
      if (this.#pending) {
        try {
          const reply = await this.#api.send(this.#auth, this.#pendingBody(this.#pending));
          this.#pending = undefined;
          this.#quickReplies = offeredReplies(reply.messages);
        } catch (e) {
          // Anything but "gone" keeps the message pending: it is shown as not sent, with a retry under the same id.
          if (e instanceof ApiError && e.status === 404) throw e;
        }
      }
      history = await this.#api.messages(this.#auth);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.#gone(focus);
      else this.#loadFailed(focus);
      return;
    }
    this.#beginConversation();
    for (const m of history) {
      if (m.role === 'user') this.#userBubble(m.text);
      else if (m.role === 'agent') this.#agentBubble(m.text);
      else this.#botBubble({ id: 0, role: 'bot', text: m.text }, this.#lang);
    }
    this.#showQuickReplies(this.#quickReplies);
    if (this.#pending) this.#failed(this.#t.notSent);
    if (saved.live) this.#goLive();
    this.#persist();
    this.#scrollDown();
    if (focus) this.#input.focus();
  }

  // ——— the conversation ———

  #pendingBody(p: PendingMessage) {
    return { text: p.text, clientMessageId: p.clientMessageId, ...(p.quickReply ? { quickReply: p.quickReply } : {}) };
  }

  #submit(text: string, quickReply?: string): void {
    if (this.#phase !== 'chat' || this.#pending || !this.#auth) return;
    this.#pending = { clientMessageId: newClientMessageId(), text, ...(quickReply ? { quickReply } : {}) };
    this.#persist();
    this.#list.querySelector('.end')?.remove();
    this.#showQuickReplies([]);
    this.#input.value = '';
    const { clientMessageId } = this.#pending;
    // With a person, over the live channel; shown once the server has committed it (ack), as the person sees it
    if (!quickReply && this.#withAgent && this.#live?.send({ type: 'message', clientMessageId, text })) {
      this.#viaSocket = true;
      this.#inFlight = true;
      this.#list.append(this.#tx('li', 'sending', { class: 'sending' }));
      this.#ackTimer = setTimeout(() => this.#resendOverHttp(), ACK_TIMEOUT_MS);
      this.#scrollDown();
      return;
    }
    this.#userBubble(text);
    void this.#deliver();
  }

  /** Sends the pending message under its client id until it is answered, or until the visitor must decide. */
  async #deliver(retries = AUTO_RETRIES): Promise<void> {
    const pending = this.#pending;
    const auth = this.#auth;
    if (!pending || !auth || this.#inFlight) return;
    this.#inFlight = true;
    this.#list.querySelector('.failed')?.remove();
    this.#banner.hidden = true;
    const typing = h('li', { class: 'typing' }, h('i'), h('i'), h('i'), this.#tx('span', 'typing', { class: 'sr' }));
    this.#list.append(typing);
    this.#list.setAttribute('aria-busy', 'true');
    this.#scrollDown();
    try {
      const reply = await this.#api.send(auth, this.#pendingBody(pending));
      this.#pending = undefined;
      if (reply.language !== this.#lang && this.#municipality?.languages.includes(reply.language)) {
        this.#lang = reply.language;
        this.#applyLanguage();
      }
      typing.remove();
      this.#botMessages(reply.messages, reply.language);
      this.#persist();
      if (reply.messages.some((m) => m.intent === GOODBYE_INTENT)) this.#offerEnd(false);
    } catch (e) {
      typing.remove();
      const error = e instanceof ApiError ? e : new ApiError(0, 'network');
      this.#inFlight = false;
      this.#list.removeAttribute('aria-busy');
      this.#sendFailed(error, retries);
      return;
    }
    this.#inFlight = false;
    this.#list.removeAttribute('aria-busy');
  }

  #sendFailed(error: ApiError, retries: number): void {
    if (error.status === 404) return this.#gone(true);
    if (error.status === 409) return this.#ended(undefined);
    if (error.retryable && !navigator.onLine) {
      // Sent again by the `online` listener, under the same client id.
      this.#banner.textContent = this.#t.offline;
      this.#banner.hidden = false;
      return this.#failed(this.#t.offline);
    }
    if (error.retryable && retries > 0) {
      setTimeout(() => void this.#deliver(retries - 1), RETRY_DELAY_MS);
      return;
    }
    if (!error.retryable && error.status !== 429) {
      // Rejected as it is (400): the same text would fail again, so it goes back into the box to be edited.
      this.#input.value = this.#pending?.text ?? '';
      this.#pending = undefined;
      this.#persist();
      this.#list.lastElementChild?.remove();
      this.#announce(this.#t.notSent);
      return;
    }
    this.#failed(error.status === 429 ? this.#t.rateLimited : this.#t.notSent);
  }

  #failed(message: string): void {
    const retry = this.#tx('button', 'tryAgain', { type: 'button', class: 'btn' });
    retry.addEventListener('click', () => {
      this.#input.focus();
      void this.#deliver();
    });
    this.#list.append(h('li', { class: 'failed' }, h('p', {}, message), retry));
    this.#announce(message);
    this.#scrollDown();
  }

  #onConnectivity(): void {
    if (this.#phase !== 'chat') return;
    const offline = !navigator.onLine;
    this.#banner.hidden = !offline;
    if (offline) {
      this.#banner.textContent = this.#t.offline;
      this.#announce(this.#t.offline);
    } else if (this.#pending) {
      void this.#deliver();
    }
  }

  #botMessages(all: BotMessage[], language: Language): void {
    const messages = all.filter((m) => this.#firstSight(m.id));
    for (const m of messages) this.#botBubble(m, language);
    this.#showQuickReplies(offeredReplies(messages));
    this.#announce(...messages.map((m) => plainText(m.text)));
    if (this.#readAloud) {
      this.#voice.silence();
      for (const m of messages) this.#voice.speak(plainText(m.text), SPEECH_LOCALES[language]);
    }
    this.#scrollDown();
    if (messages.some((m) => m.intent === WAITING_INTENT)) {
      if (this.#liveState !== 'waiting') this.#waiting();
      this.#liveState = 'waiting';
      this.#goLive();
    }
  }

  #firstSight(id: number): boolean {
    if (id <= 0) return true;
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    return true;
  }

  // ——— the live handover ———

  #goLive(): void {
    this.#liveWanted = true;
    this.#persist();
    const auth = this.#auth;
    if (this.#live || !auth) return;
    try {
      this.#live = new LiveChannel(this.#o.apiBase, auth, {
        frame: (f) => this.#onLiveFrame(f),
        closed: (code) => this.#onLiveClosed(code),
      });
    } catch {
      // refused outright (a host page's CSP without ws: in connect-src): HTTP still works
      this.#onLiveClosed(1006);
    }
  }

  #stopLive(): void {
    this.#liveWanted = false;
    this.#withAgent = false;
    this.#liveState = undefined;
    this.#live?.close();
    this.#live = undefined;
    this.#hideAgentTyping();
  }

  #onLiveFrame(f: ServerToVisitorFrame): void {
    switch (f.type) {
      case 'ready':
        this.#liveReconnects = 0;
        return this.#onLiveState(f.state, true);
      case 'state':
        return this.#onLiveState(f.state, false);
      case 'joined':
        if (this.#withAgent && this.#liveState === 'with_agent' && this.#list.lastElementChild?.matches('.joined'))
          return;
        this.#withAgent = true;
        this.#dropStopWaiting();
        return void this.#status(this.#t.personJoined, 'joined');
      case 'left':
        return this.#personLeft();
      case 'typing':
        return this.#showAgentTyping();
      case 'message':
        return this.#liveMessage(f.message);
      case 'ack':
        return this.#acked(f.clientMessageId);
      case 'error':
        // refused over the socket: HTTP says why, in the widget's usual way
        return this.#resendOverHttp();
    }
  }

  #onLiveState(state: HandoverState, ready: boolean): void {
    const before = this.#liveState;
    this.#liveState = state;
    if (state === 'with_agent') {
      // on a reconnect there is no `joined` frame: say it once
      if (ready && before !== 'with_agent') this.#status(this.#t.personJoined, 'joined');
      this.#withAgent = true;
      this.#dropStopWaiting();
      return;
    }
    this.#personLeft();
    if (state !== 'waiting') this.#dropStopWaiting();
    if (state === 'waiting') {
      if (before !== 'waiting') this.#waiting();
      return;
    }
    // back with the bot, or over: the bot's last words may still be on their way, then the channel closes
    this.#liveWanted = false;
    this.#persist();
    const live = this.#live;
    setTimeout(() => {
      if (this.#live === live && !this.#liveWanted) this.#stopLive();
    }, 2000);
  }

  #personLeft(): void {
    if (!this.#withAgent) return;
    this.#withAgent = false;
    this.#hideAgentTyping();
    this.#status(this.#t.personLeft, 'left');
  }

  #onLiveClosed(code: number): void {
    this.#live = undefined;
    this.#withAgent = false;
    this.#hideAgentTyping();
    this.#resendOverHttp();
    if (code === 4404) return this.#gone(true);
    // HTTP carries on meanwhile: the server routes every message by the handover state
    if (this.#liveWanted && this.#phase === 'chat' && code !== 4401 && this.#liveReconnects < LIVE_RECONNECTS) {
      setTimeout(() => this.#liveWanted && !this.#live && this.#goLive(), 1000 * 2 ** this.#liveReconnects++);
    }
  }

  #acked(clientMessageId: string): void {
    const pending = this.#pending;
    if (!this.#viaSocket || pending?.clientMessageId !== clientMessageId) return;
    clearTimeout(this.#ackTimer);
    this.#viaSocket = false;
    this.#inFlight = false;
    this.#pending = undefined;
    this.#list.querySelector('.sending')?.remove();
    this.#userBubble(pending.text);
    this.#persist();
  }

  /** The socket lost or refused the pending message: HTTP under the same client id, so it is stored once. */
  #resendOverHttp(): void {
    const pending = this.#pending;
    if (!this.#viaSocket || !pending) return;
    clearTimeout(this.#ackTimer);
    this.#viaSocket = false;
    this.#inFlight = false;
    this.#list.querySelector('.sending')?.remove();
    this.#userBubble(pending.text);
    void this.#deliver();
  }

  #liveMessage(m: LiveMessage): void {
    if (m.role === 'user' || !this.#firstSight(m.id)) return;
    this.#hideAgentTyping();
    if (m.role === 'agent') this.#agentBubble(m.text);
    else this.#botBubble({ id: m.id, role: 'bot', text: m.text }, this.#lang);
    this.#announce(m.role === 'agent' ? `${this.#t.agent}: ${m.text}` : plainText(m.text));
    this.#scrollDown();
  }

  #agentBubble(text: string): void {
    this.#list.append(
      h('li', { class: 'msg agent' }, this.#tx('span', 'agent', { class: 'who', 'data-suffix': ': ' }), text),
    );
  }

  #status(text: string, kind: string): HTMLLIElement {
    const li = h('li', { class: `status ${kind}` }, text);
    this.#list.append(li);
    this.#announce(text);
    this.#scrollDown();
    return li;
  }

  /** Once a person has joined (or the wait is over), there is nothing to stop waiting for. */
  #dropStopWaiting(): void {
    for (const b of this.#list.querySelectorAll('.stop-waiting')) b.remove();
  }

  /** "Waiting for a person", with a button to stop waiting (the bot carries on). */
  #waiting(): void {
    this.#dropStopWaiting();
    const li = this.#status(this.#t.waitingPerson, 'waiting');
    const stop = this.#tx('button', 'stopWaiting', { type: 'button', class: 'btn stop-waiting' });
    li.append(' ', stop);
    stop.addEventListener('click', async () => {
      const auth = this.#auth;
      if (!auth) return;
      stop.disabled = true;
      try {
        await this.#api.cancelWaiting(auth);
      } catch {
        stop.disabled = false;
        return;
      }
      stop.remove();
      this.#stopLive();
      this.#persist();
      this.#status(this.#t.stoppedWaiting, 'stopped-waiting');
      this.#input.focus();
    });
  }

  #showAgentTyping(): void {
    clearTimeout(this.#agentTypingTimer);
    if (!this.#agentTyping) {
      this.#agentTyping = h(
        'li',
        { class: 'typing agent-typing' },
        h('i'),
        h('i'),
        h('i'),
        this.#tx('span', 'agentTyping', { class: 'sr' }),
      );
      this.#list.append(this.#agentTyping);
      this.#scrollDown();
    }
    this.#agentTypingTimer = setTimeout(() => this.#hideAgentTyping(), TYPING_SHOWN_MS);
  }

  #hideAgentTyping(): void {
    clearTimeout(this.#agentTypingTimer);
    this.#agentTyping?.remove();
    this.#agentTyping = undefined;
  }

  #sendTyping(): void {
    const now = Date.now();
    if (!this.#withAgent || now - this.#lastTypingSent < TYPING_EVERY_MS) return;
    if (this.#live?.send({ type: 'typing' })) this.#lastTypingSent = now;
  }

  #botBubble(m: BotMessage, language: Language): void {
    this.#list.append(
      h(
        'li',
        { class: 'msg bot', lang: language },
        this.#tx('span', 'assistant', { class: 'sr', 'data-suffix': ': ' }),
        renderBlocks(parseBotText(m.text), this.#t.newTab),
      ),
    );
  }

  #userBubble(text: string): void {
    this.#list.append(
      h('li', { class: 'msg user' }, this.#tx('span', 'you', { class: 'sr', 'data-suffix': ': ' }), text),
    );
    this.#scrollDown();
  }

  #showQuickReplies(replies: QuickReply[]): void {
    this.#quickReplies = replies;
    this.#list.querySelector('.qr')?.remove();
    if (replies.length === 0) return;
    const group = h('ul', { class: 'replies' });
    this.#label(group, 'suggestions');
    for (const r of replies) {
      const b = h('button', { type: 'button', class: 'btn' }, r.label);
      b.addEventListener('click', () => {
        this.#input.focus();
        this.#submit(r.label, r.payload);
      });
      group.append(h('li', {}, b));
    }
    this.#list.append(h('li', { class: 'qr' }, group));
  }

  // ——— ending, deleting, downloading ———

  /** Asks whether the conversation helped; the visitor ending it hides the message box, a goodbye does not. */
  #offerEnd(byVisitor: boolean): void {
    this.#list.querySelector('.end')?.remove();
    if (byVisitor) this.#composer.hidden = true;
    const yes = this.#tx('button', 'yes', { type: 'button', class: 'btn' });
    const no = this.#tx('button', 'no', { type: 'button', class: 'btn' });
    yes.addEventListener('click', () => void this.#end(true));
    no.addEventListener('click', () => void this.#end(false));
    const card = h(
      'li',
      { class: 'card end' },
      this.#tx('p', 'helped', { id: 'kc-helped' }),
      h('div', { class: 'row', role: 'group', 'aria-labelledby': 'kc-helped' }, yes, no),
      this.#tx('p', 'stillYours'),
      this.#privacyActions(),
    );
    this.#list.append(card);
    this.#announce(this.#t.helped);
    this.#scrollDown();
    if (byVisitor) yes.focus();
  }

  #privacyActions(): HTMLElement {
    const text = this.#tx('button', 'downloadText', { type: 'button', class: 'btn' });
    const json = this.#tx('button', 'downloadJson', { type: 'button', class: 'btn' });
    const del = this.#tx('button', 'deleteConversation', { type: 'button', class: 'btn' });
    text.addEventListener('click', () => void this.#download('txt'));
    json.addEventListener('click', () => void this.#download('json'));
    del.addEventListener('click', () => this.#openMenu(true));
    return h('div', { class: 'row' }, text, json, del);
  }

  async #end(helpful: boolean | undefined): Promise<void> {
    const auth = this.#auth;
    if (!auth) return;
    try {
      await this.#api.end(auth, helpful === undefined ? {} : { helpful });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) return this.#announce(this.#t.actionFailed);
    }
    this.#ended(helpful);
  }

  /** The conversation is over: nothing stays in the browser, but download and delete work until the page is left. */
  #ended(helpful: boolean | undefined): void {
    this.#stopLive();
    this.#setPhase('ended');
    this.#store.clear();
    this.#pending = undefined;
    this.#list.querySelector('.end')?.remove();
    this.#showQuickReplies([]);
    const again = this.#newConversationButton();
    this.#list.append(
      h(
        'li',
        { class: 'card end' },
        helpful === undefined ? null : this.#tx('p', 'thanks'),
        this.#tx('p', 'ended'),
        this.#tx('p', 'stillYours'),
        this.#privacyActions(),
        h('div', { class: 'row' }, again),
      ),
    );
    this.#announce(helpful === undefined ? this.#t.ended : `${this.#t.thanks} ${this.#t.ended}`);
    this.#scrollDown();
    again.focus();
  }

  async #download(format: 'json' | 'txt'): Promise<void> {
    const auth = this.#auth;
    if (!auth) return;
    try {
      const blob = await this.#api.export(auth, format);
      const url = URL.createObjectURL(blob);
      h('a', { href: url, download: `conversation-${auth.conversationId}.${format}` }).click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      this.#announce(this.#t.actionFailed);
    }
  }

  async #delete(): Promise<void> {
    const auth = this.#auth;
    if (!auth) return;
    let messages = 0;
    try {
      messages = (await this.#api.delete(auth)).receipt.messagesDeleted;
    } catch (e) {
      // Already gone (deleted in another tab, or by retention) is what the visitor asked for.
      if (!(e instanceof ApiError && e.status === 404)) return this.#announce(this.#t.actionFailed);
    }
    this.#forget(this.#t.deleted(messages));
  }

  /** Clears everything the widget holds about the conversation and says so. */
  #forget(message: string, focus = true): void {
    this.#stopLive();
    this.#store.clear();
    this.#voice.silence();
    this.#auth = undefined;
    this.#pending = undefined;
    this.#quickReplies = [];
    this.#list.replaceChildren();
    this.#closeMenu(false);
    this.#setPhase('deleted');
    const again = this.#newConversationButton();
    this.#show(h('div', { class: 'card' }, h('p', {}, message), again));
    this.#announce(message);
    if (focus) again.focus();
  }

  #gone(focus: boolean): void {
    this.#forget(this.#t.gone, focus);
  }

  #newConversationButton(): HTMLButtonElement {
    const b = this.#tx('button', 'newConversation', { type: 'button', class: 'btn primary' });
    b.addEventListener('click', () => {
      if (this.#phase === 'ended') this.#auth = undefined;
      void this.#start();
    });
    return b;
  }

  // ——— the ?-menu ———

  #openMenu(confirmDelete = false): void {
    const m = this.#municipality;
    const items: HTMLElement[] = [];
    let confirm: (() => void) | undefined;
    const add = (el: HTMLElement) => items.push(h('li', {}, el));
    const button = (key: TextKey, onClick: () => void, extra: Record<string, string> = {}) => {
      const b = this.#tx('button', key, { type: 'button', class: 'item', ...extra });
      b.addEventListener('click', onClick);
      add(b);
      return b;
    };

    const select = h('select', { id: 'kc-lang' });
    for (const l of m?.languages ?? [this.#lang]) {
      const option = h('option', { value: l, lang: l }, LANGUAGE_NAMES[l]);
      option.selected = l === this.#lang;
      select.append(option);
    }
    select.addEventListener('change', () => this.#setLanguage(select.value as Language));
    const settings: HTMLElement[] = [this.#tx('label', 'language', { for: 'kc-lang' }), select];
    if (canSpeak()) {
      const toggle = this.#tx('button', 'readAloud', {
        type: 'button',
        class: 'item',
        'aria-pressed': String(this.#readAloud),
      });
      toggle.addEventListener('click', () => {
        this.#readAloud = !this.#readAloud;
        toggle.setAttribute('aria-pressed', String(this.#readAloud));
        if (!this.#readAloud) this.#voice.silence();
        this.#persist();
      });
      settings.push(h('div', { class: 'row' }, toggle));
    }

    if (this.#auth) {
      button('downloadText', () => void this.#download('txt'));
      button('downloadJson', () => void this.#download('json'));
      if (this.#phase === 'chat') {
        button('endConversation', () => {
          this.#closeMenu(false);
          this.#offerEnd(true);
        });
      }
      const del = button('deleteConversation', () => showConfirm(), { class: 'item danger' });
      const showConfirm = () => {
        const yes = this.#tx('button', 'deleteYes', {
          type: 'button',
          class: 'btn danger',
          'aria-describedby': 'kc-confirm',
        });
        const cancel = this.#tx('button', 'cancel', { type: 'button', class: 'btn' });
        const box = h(
          'div',
          { class: 'card', role: 'group', 'aria-labelledby': 'kc-confirm' },
          this.#tx('p', 'deleteConfirm', { id: 'kc-confirm' }),
          h('div', { class: 'row' }, yes, cancel),
        );
        yes.addEventListener('click', () => void this.#delete());
        cancel.addEventListener('click', () => {
          box.replaceWith(del);
          del.focus();
        });
        del.replaceWith(box);
        cancel.focus();
      };
      confirm = showConfirm;
    }

    const sections: Node[] = [...settings];
    if (items.length > 0) sections.push(this.#tx('h3', 'conversation'), h('ul', {}, ...items));
    if (m)
      sections.push(
        this.#tx('h3', 'menu'),
        h('p', {}, this.#externalLink(m.privacyStatementUrl, 'privacyStatement')),
        ...this.#contact(m),
      );
    this.#menu.replaceChildren(...sections);
    this.#menu.hidden = false;
    this.#menuButton.setAttribute('aria-expanded', 'true');
    if (confirmDelete && confirm) confirm();
    else select.focus();
  }

  #closeMenu(focusButton: boolean): void {
    if (this.#menu.hidden) return;
    this.#menu.hidden = true;
    this.#menu.replaceChildren();
    this.#menuButton.setAttribute('aria-expanded', 'false');
    if (focusButton) this.#menuButton.focus();
  }

  #contact(m: PublicMunicipality): HTMLElement[] {
    const t = this.#t;
    const c = m.contact;
    const day = new Intl.DateTimeFormat(this.#lang, { weekday: 'long' });
    // 1 January 2024 was a Monday.
    const rows = WEEKDAYS.map((d, i) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, day.format(new Date(2024, 0, 1 + i))),
        h('td', {}, c.openingHours[d] ?? t.closed),
      ),
    );
    return [
      this.#tx('h3', 'contact'),
      h(
        'dl',
        {},
        h('dt', {}, t.phone),
        h('dd', {}, h('a', { href: `tel:${c.phone.replace(/[^+\d]/g, '')}` }, c.phone)),
        h('dt', {}, t.email),
        h('dd', {}, h('a', { href: `mailto:${c.email}` }, c.email)),
        h('dt', {}, t.address),
        h('dd', {}, c.address),
        h('dt', {}, t.openingHours),
        h('dd', {}, h('table', {}, h('tbody', {}, ...rows))),
      ),
    ];
  }

  #setLanguage(language: Language): void {
    this.#lang = language;
    this.#applyLanguage();
    if (this.#phase === 'notice') this.#showNotice(false);
    this.#persist();
    this.#openMenu();
  }

  // ——— voice ———

  #toggleListening(): void {
    const mic = this.#mic;
    if (!mic) return;
    if (this.#voice.listening) return this.#voice.stopListening();
    mic.setAttribute('aria-pressed', 'true');
    this.#input.placeholder = this.#t.listening;
    this.#voice.listen(SPEECH_LOCALES[this.#lang], {
      onText: (text, final) => {
        this.#input.value = text;
        if (final && text) this.#submit(text);
      },
      onStop: () => {
        mic.setAttribute('aria-pressed', 'false');
        this.#input.placeholder = this.#t.placeholder;
      },
    });
  }

  // ——— helpers ———

  #setPhase(phase: Phase): void {
    this.#phase = phase;
    this.#composer.hidden = phase !== 'chat';
    if (phase !== 'chat') this.#banner.hidden = true;
  }

  #show(...children: Node[]): void {
    this.#scroll.replaceChildren(...children);
  }

  #focusDefault(): void {
    const target =
      this.#phase === 'chat' && !this.#composer.hidden
        ? this.#input
        : (this.#scroll.querySelector<HTMLElement>('.btn.primary') ??
          this.#scroll.querySelector<HTMLElement>('.end .btn') ??
          this.#panel);
    target.focus();
  }

  #scrollDown(): void {
    this.#scroll.scrollTop = this.#scroll.scrollHeight;
  }

  /** Announces new content once through the live region; replacing its children keeps old text from being re-read. */
  #announce(...texts: string[]): void {
    this.#announcer.replaceChildren(...texts.map((t) => h('p', {}, t)));
  }

  #persist(): void {
    if (!this.#auth || this.#phase === 'ended') return;
    this.#store.write({
      ...this.#auth,
      language: this.#lang,
      open: !this.#panel.hidden,
      readAloud: this.#readAloud,
      quickReplies: this.#quickReplies,
      ...(this.#pending ? { pending: this.#pending } : {}),
      ...(this.#liveWanted ? { live: true } : {}),
    });
  }

  /** An element whose text follows the widget language. */
  #tx<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    key: TextKey,
    attrs: Record<string, string> = {},
  ): HTMLElementTagNameMap[K] {
    const el = h(tag, { ...attrs, 'data-t': key });
    el.textContent = (attrs['data-prefix'] ?? '') + this.#t[key] + (attrs['data-suffix'] ?? '');
    return el;
  }

  #label(el: HTMLElement, key: TextKey): void {
    this.#bindAttr(el, 'aria-label', key);
  }

  #bindAttr(el: HTMLElement, attr: string, key: TextKey): void {
    el.dataset[`t${attr.replace(/-/g, '')}`] = key;
    el.setAttribute(attr, this.#t[key]);
  }

  #iconButton(path: string, key: TextKey): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'icon' }, icon(path));
    this.#label(b, key);
    return b;
  }

  #externalLink(href: string, key: TextKey): HTMLElement {
    const safe = /^https?:\/\//i.test(href) ? href : undefined;
    return h(
      'a',
      { href: safe, target: '_blank', rel: 'noopener noreferrer' },
      this.#tx('span', key),
      this.#tx('span', 'newTab', { class: 'sr', 'data-prefix': ' ' }),
    );
  }

  /** Re-renders every bound text and attribute in the current language. */
  #applyLanguage(): void {
    const t = this.#t;
    this.#panel.lang = this.#lang;
    this.#launcher.lang = this.#lang;
    if (!this.#municipality) this.#title.textContent = t.assistant;
    for (const el of this.#o.root.querySelectorAll<HTMLElement>('[data-t]')) {
      el.textContent = (el.dataset.prefix ?? '') + t[el.dataset.t as TextKey] + (el.dataset.suffix ?? '');
    }
    for (const [attr, data] of [
      ['aria-label', 'tarialabel'],
      ['placeholder', 'tplaceholder'],
    ] as const) {
      for (const el of this.#o.root.querySelectorAll<HTMLElement>(`[data-${data}]`))
        el.setAttribute(attr, t[el.dataset[data] as TextKey]);
    }
  }
}
