import { sql } from 'kysely';
import type { Channel, Language, Platform } from '@kommunechat/protocol';
import type { RetentionLimits } from '../privacy/retention.policy.ts';
import type { ConversationRow, Db, MessageRow } from './schema.ts';
import { countIntentEventQuery, type IntentEvent } from './intent-stat.repository.ts';
import { messageRow, type NewMessage } from './message.repository.ts';

export interface NewConversation {
  municipalityId: string;
  tokenHash: string;
  channel: Channel;
  language: Language;
  platform: Platform | null;
  browser: string | null;
  browserVersion: string | null;
  now: Date;
}

export async function createConversation(db: Db, c: NewConversation): Promise<ConversationRow> {
  return db
    .insertInto('conversation')
    .values({
      municipality_id: c.municipalityId,
      token_hash: c.tokenHash,
      channel: c.channel,
      language: c.language,
      platform: c.platform,
      browser: c.browser,
      browser_version: c.browserVersion,
      started_at: c.now,
      last_activity_at: c.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The conversation when the token hash owns it; undefined otherwise (the caller answers 404 either way). */
export async function findConversationByToken(
  db: Db,
  id: string,
  tokenHash: string,
): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversation')
    .selectAll()
    .where('id', '=', id)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Locks the conversation row for the rest of the transaction: one writer per conversation. */
export async function lockConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function endConversation(
  db: Db,
  id: string,
  update: { helpful: boolean | null; now: Date },
): Promise<void> {
  await db
    .updateTable('conversation')
    .set({ helpful: update.helpful, ended_at: update.now, last_activity_at: update.now })
    .where('id', '=', id)
    .execute();
}

/** Hard delete: the conversation and (by cascade) its messages. */
export async function deleteConversation(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('conversation').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Hard-deletes up to `limit` conversations whose last activity is older than their municipality's retention
 * (default when unset, capped platform-wide), judged at `now` or else the database's own UTC time.
 */
export async function deleteExpiredConversations(
  db: Db,
  policy: RetentionLimits,
  options: { now?: Date; limit: number },
): Promise<number> {
  const now = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
  const days = sql`least(coalesce(m.retention_days, ${policy.defaultDays}), ${policy.maxDays})`;
  const result = await sql<{ id: string }>`
    delete from conversation where id in (
      select c.id from conversation c join municipality m on m.id = c.municipality_id
      where c.last_activity_at < ${now} - make_interval(days => ${days}::int)
      order by c.last_activity_at
      limit ${options.limit}
    ) returning id`.execute(db);
  return result.rows.length;
}

/**
 * Everything one turn writes, as ONE statement (one round trip): the messages, the statistics row and the
 * conversation's new state and activity time. Runs inside the caller's transaction that holds the row lock.
 */
export async function recordTurn(
  db: Db,
  turn: {
    conversationId: string;
    messages: readonly NewMessage[];
    event: IntentEvent;
    language: Language;
    dialogueState: Record<string, unknown>;
    now: Date;
  },
): Promise<MessageRow[]> {
  return db
    .with('counted', (q) => countIntentEventQuery(q, turn.event).returning('count'))
    .with('touched', (q) =>
      q
        .updateTable('conversation')
        .set({
          language: turn.language,
          dialogue_state: JSON.stringify(turn.dialogueState),
          last_activity_at: turn.now,
        })
        .where('id', '=', turn.conversationId)
        .returning('id'),
    )
    .insertInto('message')
    .values(turn.messages.map(messageRow))
    .returningAll()
    .execute();
}
