import { KommunechatError, type Channel, type Language } from '@kommunechat/protocol';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { AnswerBase } from '../content/answer-base.ts';
import type { NluModel } from '../nlu/index.ts';
import { anonymize, ANONYMIZER_VERSION } from '../privacy/anonymizer/index.ts';
import { hashConversationToken, newConversationToken } from '../privacy/conversation-token.ts';
import { summariseUserAgent } from '../privacy/user-agent.ts';
import {
  createConversation,
  deleteConversation,
  endConversation,
  findConversationByToken,
  lockConversation,
  readTurnSnapshot,
  recordTurn,
} from '../store/conversation.repository.ts';
import {
  countMessages,
  findReplyToClientMessage,
  insertMessages,
  listMessages,
  setMessageHelpful,
} from '../store/message.repository.ts';
import type { ConversationRow, Database, Db, MessageRow } from '../store/schema.ts';
import { openingMessages, takeTurn } from './dialogue.turn.ts';
import type { BotMessage, DialogueState, DialogueThresholds, MunicipalityContext } from './dialogue.types.ts';
import type { MunicipalityDirectory } from './municipality.directory.ts';
import type { HandoverSignal } from './handover.bus.ts';
import {
  deleteWithHandover,
  handoverOffer,
  handoverTurn,
  mayConcernHandover,
  publish,
  type HandoverDeps,
} from './handover.service.ts';

/** Everything a conversation needs, built once by the composition root. */
export interface ConversationDeps {
  db: Kysely<Database>;
  clock: Clock;
  nlu: NluModel;
  base: AnswerBase;
  municipalities: MunicipalityDirectory;
  thresholds: DialogueThresholds;
  /** live handover to people; without it, the bot gives contact details only */
  handover?: HandoverDeps;
}

export interface SentMessage extends BotMessage {
  id: number;
  role: 'bot';
}

const notFound = () => new KommunechatError('not_found', 'No such conversation.');

function parseState(row: ConversationRow): DialogueState {
  const s = row.dialogue_state as Partial<DialogueState>;
  return {
    failedTurns: typeof s.failedTurns === 'number' ? s.failedTurns : 0,
    ...(typeof s.pendingFollowUp === 'string' ? { pendingFollowUp: s.pendingFollowUp } : {}),
  };
}

function botMessages(rows: readonly Pick<MessageRow, 'id' | 'role'>[], sent: BotMessage[]): SentMessage[] {
  const bots = rows.filter((r) => r.role === 'bot');
  return sent.map((m, i) => ({ id: Number(bots[i]?.id), role: 'bot', ...m }));
}

/** Starts a conversation for a municipality: the token is returned once and only its hash is stored. */
export async function startConversation(
  deps: ConversationDeps,
  input: {
    slug: string;
    language?: Language | undefined;
    channel?: Channel | undefined;
    userAgent?: string | undefined;
  },
) {
  const found = await deps.municipalities.bySlug(input.slug);
  if (!found) throw new KommunechatError('not_found', 'No such municipality.');
  const { context } = found;
  const language =
    input.language && context.languages.includes(input.language) ? input.language : context.defaultLanguage;
  const { token, hash } = newConversationToken();
  const device = summariseUserAgent(input.userAgent);
  const now = deps.clock.now();
  const opening = openingMessages({ base: deps.base, municipality: context }, language);
  const { conversation, rows } = await deps.db.transaction().execute(async (trx) => {
    const conversation = await createConversation(trx, {
      municipalityId: context.id,
      tokenHash: hash,
      channel: input.channel ?? 'web',
      language,
      platform: device.platform,
      browser: device.browser,
      browserVersion: device.browserVersion,
      now,
    });
    const rows = await insertMessages(
      trx,
      opening.map((m) => ({ conversationId: conversation.id, role: 'bot' as const, text: m.text, createdAt: now })),
    );
    return { conversation, rows };
  });
  return { conversationId: conversation.id, token, language, messages: botMessages(rows, opening) };
}

/**
 * One citizen message: understand it, mask it, and commit the masked message, the reply and the statistics before
 * answering. The raw text lives in memory for this call only. The usual turn costs two round trips: one read and
 * one statement that writes only if the conversation row did not change in between (optimistic); any other turn
 * (a retry, an ended conversation, anything to do with a person, or a lost race) is taken under the row lock.
 */
export async function sendMessage(deps: ConversationDeps, id: string, token: string, input: CitizenInput) {
  const tokenHash = hashConversationToken(token);
  const quick = await optimisticTurn(deps, id, tokenHash, input);
  if (quick) return quick;
  const signals: HandoverSignal[] = [];
  const result = await deps.db.transaction().execute((trx) => lockedTurn(deps, trx, id, tokenHash, input, signals));
  if (deps.handover) await publish(deps.handover, signals);
  return result;
}

type CitizenInput = { text: string; quickReply?: string | undefined; clientMessageId?: string | undefined };

async function optimisticTurn(deps: ConversationDeps, id: string, tokenHash: string, input: CitizenInput) {
  const snapshot = await readTurnSnapshot(deps.db, id, input.clientMessageId);
  if (!snapshot || snapshot.conversation.token_hash !== tokenHash) throw notFound();
  const { conversation } = snapshot;
  if (conversation.ended_at || snapshot.seenClientMessage) return undefined;
  if (deps.handover && mayConcernHandover(snapshot.handoverState, input.quickReply)) return undefined;
  const found = await deps.municipalities.byId(conversation.municipality_id);
  if (!found) throw notFound();
  const now = deps.clock.now();
  const turn = botTurn(deps, found.context, conversation, input, now);
  if (turn.outcome === 'handover' && deps.handover) return undefined;
  const rows = await recordTurn(deps.db, {
    ...turnRecord(conversation, input, turn, turn.messages, now),
    expectedVersion: snapshot.version,
  });
  return rows.length > 0 ? { language: turn.language, messages: botMessages(rows, turn.messages) } : undefined;
}

async function lockedTurn(
  deps: ConversationDeps,
  trx: Db,
  id: string,
  tokenHash: string,
  input: CitizenInput,
  signals: HandoverSignal[],
) {
  const conversation = await lockConversation(trx, id);
  if (!conversation || conversation.token_hash !== tokenHash) throw notFound();
  if (input.clientMessageId) {
    const earlier = await findReplyToClientMessage(trx, id, input.clientMessageId);
    if (earlier) {
      return {
        language: conversation.language,
        messages: earlier.map((m) => ({
          id: Number(m.id),
          role: 'bot' as const,
          text: m.text,
          ...(m.intent ? { intent: m.intent } : {}),
        })),
      };
    }
  }
  if (conversation.ended_at) throw new KommunechatError('conflict', 'This conversation has ended; start a new one.');
  const found = await deps.municipalities.byId(conversation.municipality_id);
  if (!found) throw notFound();
  // while a person is involved, the message is for them (or it is the citizen's choice in the handover offer)
  const live = deps.handover && (await handoverTurn(deps.handover, trx, conversation, found.context, input, signals));
  if (live) return live;
  const now = deps.clock.now();
  const turn = botTurn(deps, found.context, conversation, input, now);
  const offer =
    turn.outcome === 'handover' && deps.handover
      ? await handoverOffer(deps.handover, trx, found.context, turn.language)
      : [];
  const replies = [...turn.messages, ...offer];
  const rows = await recordTurn(trx, turnRecord(conversation, input, turn, replies, now));
  return { language: turn.language, messages: botMessages(rows, replies) };
}

function botTurn(
  deps: ConversationDeps,
  municipality: MunicipalityContext,
  conversation: ConversationRow,
  input: CitizenInput,
  now: Date,
) {
  return takeTurn(
    { nlu: deps.nlu, base: deps.base, municipality, thresholds: deps.thresholds },
    {
      text: input.text,
      quickReply: input.quickReply,
      language: conversation.language,
      state: parseState(conversation),
      now,
    },
  );
}

/** What the turn writes: the masked citizen message, the replies, the statistics event and the dialogue state. */
function turnRecord(
  conversation: ConversationRow,
  input: CitizenInput,
  turn: ReturnType<typeof takeTurn>,
  replies: BotMessage[],
  now: Date,
) {
  const masked = anonymize(input.text, { lang: turn.language });
  return {
    conversationId: conversation.id,
    messages: [
      {
        role: 'user' as const,
        text: masked.text,
        intent: turn.intent,
        confidence: turn.confidence,
        outcome: turn.outcome,
        anonymizerVersion: ANONYMIZER_VERSION,
        clientMessageId: input.clientMessageId ?? null,
      },
      ...replies.map((m) => ({ role: 'bot' as const, text: m.text, intent: m.intent ?? null })),
    ],
    event: {
      municipalityId: conversation.municipality_id,
      intent: turn.intent,
      language: turn.language,
      channel: conversation.channel,
      outcome: turn.outcome,
      at: now,
    },
    language: turn.language,
    dialogueState: { ...turn.state },
    now,
  };
}

async function owned(deps: ConversationDeps, id: string, token: string): Promise<ConversationRow> {
  const conversation = await findConversationByToken(deps.db, id, hashConversationToken(token));
  if (!conversation) throw notFound();
  return conversation;
}

/** Ends the conversation, with optional feedback overall and per answer. Ending twice keeps the first end. */
export async function finishConversation(
  deps: ConversationDeps,
  id: string,
  token: string,
  feedback: { helpful?: boolean | undefined; answers?: { messageId: number; helpful: boolean }[] | undefined },
) {
  const conversation = await owned(deps, id, token);
  await deps.db.transaction().execute(async (trx) => {
    for (const a of feedback.answers ?? []) await setMessageHelpful(trx, id, a.messageId, a.helpful);
    if (!conversation.ended_at)
      await endConversation(trx, id, { helpful: feedback.helpful ?? null, now: deps.clock.now() });
  });
  return { ended: true };
}

/** Thumbs up or down on one bot answer. */
export async function rateAnswer(
  deps: ConversationDeps,
  id: string,
  token: string,
  messageId: number,
  helpful: boolean,
) {
  await owned(deps, id, token);
  if (!(await setMessageHelpful(deps.db, id, messageId, helpful)))
    throw new KommunechatError('not_found', 'No such answer in this conversation.');
  return { rated: true };
}

export interface ConversationExport {
  conversation: {
    id: string;
    startedAt: string;
    lastActivityAt: string;
    endedAt: string | null;
    language: Language;
    channel: Channel;
    platform: string | null;
    browser: string | null;
  };
  messages: { role: 'user' | 'bot' | 'agent'; text: string; at: string }[];
}

/** Everything stored about the conversation, for the citizen who owns it. */
export async function exportConversation(
  deps: ConversationDeps,
  id: string,
  token: string,
): Promise<ConversationExport> {
  const c = await owned(deps, id, token);
  const messages = await listMessages(deps.db, id);
  return {
    conversation: {
      id: c.id,
      startedAt: new Date(c.started_at).toISOString(),
      lastActivityAt: new Date(c.last_activity_at).toISOString(),
      endedAt: c.ended_at ? new Date(c.ended_at).toISOString() : null,
      language: c.language,
      channel: c.channel,
      platform: c.platform,
      browser: c.browser ? `${c.browser}${c.browser_version ? ` ${c.browser_version}` : ''}` : null,
    },
    messages: messages.map((m) => ({ role: m.role, text: m.text, at: new Date(m.created_at).toISOString() })),
  };
}

const ROLE_LABEL = { user: 'You', bot: 'Assistant', agent: 'Agent' } as const;

/** The export as readable text. */
export function exportAsText(e: ConversationExport): string {
  const c = e.conversation;
  const head = [`Conversation ${c.id}`, `Started: ${c.startedAt}`, `Language: ${c.language}`, ''];
  return [...head, ...e.messages.map((m) => `[${m.at}] ${ROLE_LABEL[m.role]}:\n${m.text}\n`)].join('\n');
}

/** Hard-deletes the conversation and every message; afterwards the conversation answers 404 everywhere. */
export async function forgetConversation(deps: ConversationDeps, id: string, token: string) {
  await owned(deps, id, token);
  const messages = await countMessages(deps.db, id);
  const deleted = deps.handover ? await deleteWithHandover(deps.handover, id) : await deleteConversation(deps.db, id);
  if (!deleted) throw notFound();
  return {
    deleted: true as const,
    receipt: { conversationId: id, deletedAt: deps.clock.now().toISOString(), messagesDeleted: messages },
  };
}
