import {
  HANDOVER_INTENT,
  HANDOVER_PAYLOAD,
  KommunechatError,
  type HandoverState,
  type Language,
  type LiveMessage,
} from '@kommunechat/protocol';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { answerLanguage } from '../content/answer.resolver.ts';
import { renderAnswer } from '../content/answer.renderer.ts';
import { anonymize, ANONYMIZER_VERSION } from '../privacy/anonymizer/index.ts';
import { appendAuditEvent } from '../store/audit.repository.ts';
import { deleteConversation, endConversation, lockConversation } from '../store/conversation.repository.ts';
import {
  agentOnline,
  agentStillConnected,
  deleteStalePresence,
  findHandover,
  findMessageByClientId,
  listHeldBy,
  listVanishedAgents,
  saveHandover,
  touchConversation,
} from '../store/handover.repository.ts';
import { countIntentEvent } from '../store/intent-stat.repository.ts';
import { insertMessages, listMessages, type NewMessage } from '../store/message.repository.ts';
import type { ConversationRow, Database, Db, MessageRow } from '../store/schema.ts';
import type { HandoverBus, HandoverSignal } from './handover.bus.ts';
import { isOpen } from './handover.hours.ts';
import {
  INITIAL_HANDOVER,
  isWithPeople,
  transition,
  type HandoverEffect,
  type HandoverEvent,
} from './handover.state.ts';
import { HANDOVER_TEXTS, type HandoverTextKey } from './handover.texts.ts';
import type { BotMessage, MunicipalityContext } from './dialogue.types.ts';
import type { MunicipalityDirectory } from './municipality.directory.ts';

export interface HandoverOptions {
  /** an agent connection counts as online while its heartbeat is younger than this */
  presenceTimeoutMs: number;
  /** how often each instance refreshes the heartbeat of its agent connections */
  heartbeatMs: number;
}

export const DEFAULT_HANDOVER_OPTIONS: HandoverOptions = { presenceTimeoutMs: 60_000, heartbeatMs: 20_000 };

/** Everything the handover needs, built once by the composition root. */
export interface HandoverDeps {
  db: Kysely<Database>;
  clock: Clock;
  bus: HandoverBus;
  municipalities: MunicipalityDirectory;
  options: HandoverOptions;
}

/** A staff member working as an agent: the municipalities where the account holds the role `agent`. */
export interface AgentIdentity {
  userId: string;
  email: string;
  municipalities: readonly string[];
}

const notFound = () => new KommunechatError('not_found', 'No such conversation.');

/** Prefix of agents' client message ids, so they can never collide with the citizen's in the unique index. */
const AGENT_CLIENT_ID = 'agent-';

function say(context: MunicipalityContext, key: HandoverTextKey, language: Language): string {
  const lang = context.languages.includes(language) ? language : context.defaultLanguage;
  return renderAnswer(HANDOVER_TEXTS[key][lang], {
    language: answerLanguage(context.country, lang),
    municipality: context.facts,
    retentionDays: context.retentionDays,
  });
}

const VISITOR_TEXT: Record<
  Extract<HandoverEffect, { kind: 'visitor' }>['event'],
  { key: HandoverTextKey; intent: string }
> = {
  waiting: { key: 'waiting', intent: HANDOVER_INTENT.waiting },
  joined: { key: 'joined', intent: HANDOVER_INTENT.joined },
  released: { key: 'released', intent: HANDOVER_INTENT.left },
  disconnected: { key: 'disconnected', intent: HANDOVER_INTENT.left },
  closed: { key: 'closed', intent: HANDOVER_INTENT.closed },
  leave_message: { key: 'leaveMessage', intent: HANDOVER_INTENT.leaveMessage },
  message_left: { key: 'messageLeft', intent: HANDOVER_INTENT.messageLeft },
};

/** Whether a person can chat now: the service is open and an agent of the municipality is online. */
export async function personAvailable(deps: HandoverDeps, db: Db, context: MunicipalityContext): Promise<boolean> {
  const now = deps.clock.now();
  if (!isOpen(context.facts.contact.openingHours, context.country, now)) return false;
  return agentOnline(db, context.id, new Date(now.getTime() - deps.options.presenceTimeoutMs));
}

/** What the bot adds when the dialogue hands over: a live chat when a person is available, else contact and a message. */
export async function handoverOffer(
  deps: HandoverDeps,
  db: Db,
  context: MunicipalityContext,
  language: Language,
): Promise<BotMessage[]> {
  if (await personAvailable(deps, db, context)) {
    return [
      {
        text: say(context, 'offer', language),
        intent: HANDOVER_INTENT.offer,
        quickReplies: [{ label: say(context, 'chatLabel', language), payload: HANDOVER_PAYLOAD.request }],
      },
    ];
  }
  return [
    {
      text: say(context, 'unavailable', language),
      intent: HANDOVER_INTENT.unavailable,
      quickReplies: [{ label: say(context, 'leaveLabel', language), payload: HANDOVER_PAYLOAD.leaveMessage }],
    },
  ];
}

interface Applied {
  ok: true;
  /** the message is for the bot: nothing was written */
  dialogue: boolean;
  rows: MessageRow[];
  /** the stored message the event carried (citizen's or agent's) */
  messageId?: number;
}

/**
 * Applies one event to a conversation whose row lock the caller holds: the transition, then its effects, in the
 * caller's transaction. Signals for other sockets are collected into `signals`, to be published after commit.
 */
async function apply(
  deps: HandoverDeps,
  trx: Db,
  c: ConversationRow,
  context: MunicipalityContext,
  event: HandoverEvent,
  signals: HandoverSignal[],
  message?: Omit<NewMessage, 'conversationId' | 'createdAt'>,
): Promise<Applied | { ok: false; reason: string }> {
  const row = await findHandover(trx, c.id);
  const before = row ? { state: row.state, agentId: row.agentId } : INITIAL_HANDOVER;
  const result = transition(before, event);
  if (!result.ok) return result;
  if (result.effects.some((e) => e.kind === 'dialogue')) return { ok: true, dialogue: true, rows: [] };
  const now = deps.clock.now();
  const ids = { conversationId: c.id, municipalityId: c.municipality_id };
  const rows: MessageRow[] = [];
  let messageId: number | undefined;
  let told: 'joined' | 'released' | 'disconnected' | 'closed' | undefined;
  for (const effect of result.effects) {
    if (effect.kind === 'deliver' && message) {
      const [stored] = await insertMessages(trx, [{ ...message, conversationId: c.id, createdAt: now }]);
      if (stored) {
        messageId = Number(stored.id);
        signals.push({ kind: 'message', ...ids, messageId });
      }
    } else if (effect.kind === 'visitor') {
      const { key, intent } = VISITOR_TEXT[effect.event];
      const [stored] = await insertMessages(trx, [
        { conversationId: c.id, role: 'bot', text: say(context, key, c.language), intent, createdAt: now },
      ]);
      if (stored) {
        rows.push(stored);
        signals.push({ kind: 'message', ...ids, messageId: Number(stored.id) });
      }
      if (
        effect.event === 'joined' ||
        effect.event === 'released' ||
        effect.event === 'disconnected' ||
        effect.event === 'closed'
      )
        told = effect.event;
    } else if (effect.kind === 'queue') {
      signals.push({ kind: 'queue', municipalityId: c.municipality_id });
    } else if (effect.kind === 'agent' && effect.event === 'deleted') {
      signals.push({ kind: 'deleted', ...ids, agentId: before.agentId });
    } else if (effect.kind === 'count') {
      // anonymous like every statistic: municipality, hour, language, channel and what happened
      await countIntentEvent(trx, {
        municipalityId: c.municipality_id,
        intent: `handover.${effect.outcome}`,
        language: c.language,
        channel: c.channel,
        outcome: 'handover',
        at: now,
      });
    } else if (effect.kind === 'end') {
      await endConversation(trx, c.id, { helpful: c.helpful, now });
    }
  }
  const { next } = result;
  const changed = !row || next.state !== before.state || next.agentId !== before.agentId;
  if (changed)
    await saveHandover(trx, {
      ...ids,
      state: next.state,
      agentId: next.agentId,
      now,
      requested: event.type === 'request' && before.state !== 'waiting',
    });
  await touchConversation(trx, c.id, now);
  if (changed) {
    signals.push({ kind: 'state', ...ids, state: next.state, agentId: next.agentId, visitor: told });
  }
  return { ok: true, dialogue: false, rows, ...(messageId !== undefined ? { messageId } : {}) };
}

const asBot = (rows: MessageRow[]) =>
  rows
    .filter((r) => r.role === 'bot')
    .map((r) => ({ id: Number(r.id), role: 'bot' as const, text: r.text, ...(r.intent ? { intent: r.intent } : {}) }));

/** The citizen's choice in the handover offer, when the quick reply is one. */
export function handoverChoice(quickReply: string | undefined): 'request' | 'leave_message' | undefined {
  if (quickReply === HANDOVER_PAYLOAD.request) return 'request';
  if (quickReply === HANDOVER_PAYLOAD.leaveMessage) return 'leave_message';
  return undefined;
}

/** Whether a turn may belong to the handover: then it is taken under the conversation's row lock. */
export function mayConcernHandover(state: HandoverState | null, quickReply: string | undefined): boolean {
  return handoverChoice(quickReply) !== undefined || (state !== null && isWithPeople(state));
}

/**
 * The citizen's message when it belongs to the handover rather than to the bot: a choice in the handover offer,
 * or a message while waiting for, or talking to, a person. Undefined: the bot answers it as usual. Runs inside
 * `sendMessage`'s transaction, under its row lock.
 */
export async function handoverTurn(
  deps: HandoverDeps,
  trx: Db,
  c: ConversationRow,
  context: MunicipalityContext,
  input: { text: string; quickReply?: string | undefined; clientMessageId?: string | undefined },
  signals: HandoverSignal[],
): Promise<{ language: Language; messages: ReturnType<typeof asBot> } | undefined> {
  const choice = handoverChoice(input.quickReply);
  if (!choice) {
    // most conversations never ask for a person: one indexed read and the bot goes on
    const row = await findHandover(trx, c.id);
    if (!row || !isWithPeople(row.state)) return undefined;
  }
  const masked = anonymize(input.text, { lang: c.language });
  const userMessage = {
    role: 'user' as const,
    text: masked.text,
    outcome: 'handover' as const,
    anonymizerVersion: ANONYMIZER_VERSION,
    clientMessageId: input.clientMessageId ?? null,
  };
  if (choice) {
    const now = deps.clock.now();
    await insertMessages(trx, [{ ...userMessage, conversationId: c.id, createdAt: now }]);
    if (choice === 'request' && !(await personAvailable(deps, trx, context))) {
      // nobody came online in the meantime after all: the contact details and the offer to leave a message
      const [offer] = await handoverOffer(deps, trx, context, c.language);
      const rows = offer
        ? await insertMessages(trx, [
            { conversationId: c.id, role: 'bot', text: offer.text, intent: offer.intent ?? null, createdAt: now },
          ])
        : [];
      return {
        language: c.language,
        messages: asBot(rows).map((m) => ({
          ...m,
          ...(offer?.quickReplies ? { quickReplies: offer.quickReplies } : {}),
        })),
      };
    }
    const applied = await apply(deps, trx, c, context, { type: choice }, signals);
    // a stale button (asking again while already waiting or live) changes nothing
    return { language: c.language, messages: applied.ok ? asBot(applied.rows) : [] };
  }
  const applied = await apply(deps, trx, c, context, { type: 'visitor_message' }, signals, userMessage);
  if (!applied.ok || applied.dialogue) return undefined;
  return { language: c.language, messages: asBot(applied.rows) };
}

/** The citizen deletes the conversation: the agent holding it is told, the statistics count it, then it is gone. */
export async function deleteWithHandover(deps: HandoverDeps, id: string): Promise<boolean> {
  const signals: HandoverSignal[] = [];
  const deleted = await deps.db.transaction().execute(async (trx) => {
    const c = await lockConversation(trx, id);
    if (!c) return false;
    const found = await deps.municipalities.byId(c.municipality_id);
    if (found && (await findHandover(trx, id)))
      await apply(deps, trx, c, found.context, { type: 'visitor_delete' }, signals);
    return deleteConversation(trx, id);
  });
  // only the deletion matters to others now: no message of the deleted conversation may be read any more
  await publish(
    deps,
    signals.filter((s) => s.kind === 'deleted' || s.kind === 'queue'),
  );
  return deleted;
}

/** Publishes after commit; a lost signal is logged by the caller, never a reason to fail a committed write. */
export async function publish(deps: HandoverDeps, signals: readonly HandoverSignal[]): Promise<void> {
  if (signals.length > 0) await deps.bus.publish(signals);
}

/** Runs an agent action on one conversation of the agent's municipalities, under the conversation's row lock. */
async function asAgent<T>(
  deps: HandoverDeps,
  agent: AgentIdentity,
  conversationId: string,
  act: (trx: Db, c: ConversationRow, context: MunicipalityContext, signals: HandoverSignal[]) => Promise<T>,
): Promise<T> {
  const signals: HandoverSignal[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const c = await lockConversation(trx, conversationId);
    if (!c || !agent.municipalities.includes(c.municipality_id)) throw notFound();
    const found = await deps.municipalities.byId(c.municipality_id);
    if (!found) throw notFound();
    return act(trx, c, found.context, signals);
  });
  await publish(deps, signals);
  return result;
}

function refused(reason: string): KommunechatError {
  if (reason === 'taken_by_another_agent')
    return new KommunechatError('conflict', 'Another agent has taken this conversation.');
  if (reason === 'not_your_conversation')
    return new KommunechatError('forbidden', 'This conversation is held by another agent.');
  return new KommunechatError('conflict', 'Not possible in the current state of this conversation.');
}

export function toLiveMessage(m: Pick<MessageRow, 'id' | 'role' | 'text' | 'created_at'>): LiveMessage {
  return { id: Number(m.id), role: m.role, text: m.text, at: new Date(m.created_at).toISOString() };
}

async function audited(
  deps: HandoverDeps,
  trx: Db,
  agent: AgentIdentity,
  c: ConversationRow,
  action: string,
): Promise<LiveMessage[]> {
  await appendAuditEvent(trx, {
    at: deps.clock.now(),
    actorId: agent.userId,
    actorEmail: agent.email,
    actorRole: 'agent',
    municipalityId: c.municipality_id,
    conversationId: c.id,
    action,
    outcome: 'allowed',
  });
  return (await listMessages(trx, c.id)).map(toLiveMessage);
}

/** The masked transcript so far, for an agent of the municipality (an audited read of a chat log). */
export async function readTranscript(
  deps: HandoverDeps,
  agent: AgentIdentity,
  conversationId: string,
): Promise<LiveMessage[]> {
  return asAgent(deps, agent, conversationId, async (trx, c) => {
    if (!(await findHandover(trx, c.id))) throw notFound();
    return audited(deps, trx, agent, c, 'handover.transcript');
  });
}

/** The agent takes a waiting conversation; returns the transcript so far. */
export async function takeConversation(
  deps: HandoverDeps,
  agent: AgentIdentity,
  conversationId: string,
): Promise<LiveMessage[]> {
  return asAgent(deps, agent, conversationId, async (trx, c, context, signals) => {
    const r = await apply(deps, trx, c, context, { type: 'agent_take', agentId: agent.userId }, signals);
    if (!r.ok) throw refused(r.reason);
    return audited(deps, trx, agent, c, 'handover.take');
  });
}

/** The agent's message: masked, committed, then delivered. A retry with the same client id is not stored twice. */
export async function sendAgentMessage(
  deps: HandoverDeps,
  agent: AgentIdentity,
  conversationId: string,
  clientMessageId: string,
  text: string,
): Promise<{ messageId: number }> {
  return asAgent(deps, agent, conversationId, async (trx, c, context, signals) => {
    const clientId = `${AGENT_CLIENT_ID}${clientMessageId}`.slice(0, 80);
    const earlier = await findMessageByClientId(trx, c.id, clientId);
    if (earlier) return { messageId: earlier.id };
    const masked = anonymize(text, { lang: c.language });
    const r = await apply(deps, trx, c, context, { type: 'agent_message', agentId: agent.userId }, signals, {
      role: 'agent',
      text: masked.text,
      anonymizerVersion: ANONYMIZER_VERSION,
      clientMessageId: clientId,
    });
    if (!r.ok) throw refused(r.reason);
    if (r.messageId === undefined) throw new KommunechatError('conflict', 'The message was not stored.');
    return { messageId: r.messageId };
  });
}

/** Hands the conversation back to the bot, or closes it (ending the conversation when it was live). */
export async function agentAction(
  deps: HandoverDeps,
  agent: AgentIdentity,
  conversationId: string,
  action: 'release' | 'close',
): Promise<void> {
  await asAgent(deps, agent, conversationId, async (trx, c, context, signals) => {
    const event: HandoverEvent =
      action === 'release'
        ? { type: 'agent_release', agentId: agent.userId }
        : { type: 'close', by: 'agent', agentId: agent.userId };
    const r = await apply(deps, trx, c, context, event, signals);
    if (!r.ok) throw refused(r.reason);
  });
}

/** The citizen stops waiting for a person (the bot carries on). */
export async function visitorCancel(deps: HandoverDeps, conversationId: string): Promise<void> {
  const signals: HandoverSignal[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockConversation(trx, conversationId);
    const found = c && (await deps.municipalities.byId(c.municipality_id));
    if (c && found) await apply(deps, trx, c, found.context, { type: 'close', by: 'visitor' }, signals);
  });
  await publish(deps, signals);
}

/**
 * The backstop for an instance that went away with agents connected: their heartbeats stop, and once the last one is
 * older than the presence timeout their live chats go back to the queue and the visitors are told. Every instance
 * runs it at each heartbeat; the state table refuses a second requeue, so several instances may race safely.
 */
export async function requeueChatsOfVanishedAgents(deps: HandoverDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  let requeued = 0;
  for (const agentId of await listVanishedAgents(deps.db, new Date(now - deps.options.presenceTimeoutMs)))
    requeued += await agentGone(deps, agentId);
  await deleteStalePresence(deps.db, new Date(now - 10 * deps.options.presenceTimeoutMs));
  return requeued;
}

/**
 * An agent's connection closed. When no other connection of the agent is online, each conversation the agent held
 * goes back to the queue and its visitor is told.
 */
export async function agentGone(deps: HandoverDeps, agentId: string): Promise<number> {
  const since = new Date(deps.clock.now().getTime() - deps.options.presenceTimeoutMs);
  if (await agentStillConnected(deps.db, agentId, since)) return 0;
  let requeued = 0;
  for (const id of await listHeldBy(deps.db, agentId)) {
    const signals: HandoverSignal[] = [];
    await deps.db.transaction().execute(async (trx) => {
      const c = await lockConversation(trx, id);
      const found = c && (await deps.municipalities.byId(c.municipality_id));
      if (!c || !found) return;
      const r = await apply(deps, trx, c, found.context, { type: 'agent_disconnect', agentId }, signals);
      if (r.ok) requeued++;
    });
    await publish(deps, signals);
  }
  return requeued;
}
