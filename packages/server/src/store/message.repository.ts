import type { Language } from '@kommunechat/protocol';
import type { Db, MessageRole, MessageRow, Outcome } from './schema.ts';

export interface NewMessage {
  conversationId: string;
  role: MessageRole;
  /** already masked: raw citizen text never reaches the store */
  text: string;
  intent?: string | null;
  confidence?: number | null;
  outcome?: Outcome | null;
  anonymizerVersion?: string | null;
  clientMessageId?: string | null;
  createdAt: Date;
}

/** The row of a new message. */
export function messageRow(m: NewMessage) {
  return {
    conversation_id: m.conversationId,
    role: m.role,
    text: m.text,
    intent: m.intent ?? null,
    confidence: m.confidence ?? null,
    outcome: m.outcome ?? null,
    anonymizer_version: m.anonymizerVersion ?? null,
    client_message_id: m.clientMessageId ?? null,
    created_at: m.createdAt,
  };
}

export async function insertMessages(db: Db, messages: readonly NewMessage[]): Promise<MessageRow[]> {
  if (messages.length === 0) return [];
  return db.insertInto('message').values(messages.map(messageRow)).returningAll().execute();
}

export async function listMessages(db: Db, conversationId: string): Promise<MessageRow[]> {
  return db.selectFrom('message').selectAll().where('conversation_id', '=', conversationId).orderBy('id').execute();
}

/** The bot messages that answered the citizen message with this client id, when it was already processed. */
export async function findReplyToClientMessage(
  db: Db,
  conversationId: string,
  clientMessageId: string,
): Promise<MessageRow[] | undefined> {
  const user = await db
    .selectFrom('message')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
  if (!user) return undefined;
  const after = await db
    .selectFrom('message')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('id', '>', user.id)
    .orderBy('id')
    .limit(20)
    .execute();
  const next = after.findIndex((m) => m.role !== 'bot');
  return next === -1 ? after : after.slice(0, next);
}

/** How many messages the conversation holds (without reading their text). */
export async function countMessages(db: Db, conversationId: string): Promise<number> {
  const row = await db
    .selectFrom('message')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records whether a bot answer helped; false when the message is not a bot message of this conversation. */
export async function setMessageHelpful(
  db: Db,
  conversationId: string,
  messageId: number,
  helpful: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('message')
    .set({ helpful })
    .where('id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .where('role', '=', 'bot')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Citizen and agent messages masked by another anonymizer version than `version`, oldest first, after `afterId`. */
export async function findMessagesToRemask(
  db: Db,
  version: string,
  options: { afterId: number; limit: number },
): Promise<{ id: number; text: string; language: Language }[]> {
  return db
    .selectFrom('message')
    .innerJoin('conversation', 'conversation.id', 'message.conversation_id')
    .select(['message.id', 'message.text', 'conversation.language'])
    .where('message.role', 'in', ['user', 'agent'])
    .where((eb) =>
      eb.or([eb('message.anonymizer_version', 'is', null), eb('message.anonymizer_version', '!=', version)]),
    )
    .where('message.id', '>', options.afterId)
    .orderBy('message.id')
    .limit(options.limit)
    .execute();
}

export async function updateMaskedText(db: Db, id: number, text: string, version: string): Promise<void> {
  await db.updateTable('message').set({ text, anonymizer_version: version }).where('id', '=', id).execute();
}

/** When the oldest citizen or agent message not masked by `version` was written; null when there is none. */
export async function oldestMessageNotMaskedBy(db: Db, version: string): Promise<Date | null> {
  const row = await db
    .selectFrom('message')
    .select((eb) => eb.fn.min('created_at').as('oldest'))
    .where('role', 'in', ['user', 'agent'])
    .where((eb) => eb.or([eb('anonymizer_version', 'is', null), eb('anonymizer_version', '!=', version)]))
    .executeTakeFirst();
  return row?.oldest ? new Date(row.oldest as Date | string) : null;
}
