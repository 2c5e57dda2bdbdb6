import { sql } from 'kysely';
import type { Channel, HandoverState, Language, Platform } from '@kommunechat/protocol';
import type { RetentionLimits } from '../privacy/retention.policy.ts';
import type { ConversationRow, Db, MessageRow } from './schema.ts';
import { hourOf, type IntentEvent } from './intent-stat.repository.ts';
import type { NewMessage } from './message.repository.ts';

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

/** A message as the turn that wrote it needs it back: its id, in order. */
export type StoredMessage = Pick<MessageRow, 'id' | 'role'>;

/** What a turn needs to know before it starts, read in one round trip without a lock. */
export interface TurnSnapshot {
  conversation: ConversationRow;
  /** the row version (PostgreSQL's xmin): any committed change of the conversation row changes it */
  version: string;
  handoverState: HandoverState | null;
  /** the client already sent a message with this id (a retry) */
  seenClientMessage: boolean;
}

export async function readTurnSnapshot(
  db: Db,
  id: string,
  clientMessageId: string | undefined,
): Promise<TurnSnapshot | undefined> {
  const row = await db
    .selectFrom('conversation as c')
    .leftJoin('handover as h', 'h.conversation_id', 'c.id')
    .selectAll('c')
    .select([
      sql<string>`c.xmin::text`.as('row_version'),
      'h.state as handover_state',
      sql<boolean>`${clientMessageId ?? null}::text is not null and exists (
        select 1 from message m where m.conversation_id = c.id and m.client_message_id = ${clientMessageId ?? null})`.as(
        'seen_client_message',
      ),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { row_version, handover_state, seen_client_message, ...conversation } = row;
  return {
    conversation,
    version: row_version,
    handoverState: handover_state,
    seenClientMessage: seen_client_message,
  };
}

/**
 * Everything one turn writes, as ONE statement (one round trip, atomic on its own): the conversation's new state
 * and activity time, the statistics row and the messages. With `expectedVersion`, nothing is written unless the
 * conversation row is still at that version (optimistic: no lock, no BEGIN/COMMIT); the result is then empty and
 * the caller takes the turn again under the row lock. Without it, the caller holds the row lock.
 */
export async function recordTurn(
  db: Db,
  turn: {
    conversationId: string;
    expectedVersion?: string;
    messages: readonly Omit<NewMessage, 'conversationId' | 'createdAt'>[];
    event: IntentEvent;
    language: Language;
    dialogueState: Record<string, unknown>;
    now: Date;
  },
): Promise<StoredMessage[]> {
  const e = turn.event;
  const unchanged = turn.expectedVersion === undefined ? sql`` : sql` and xmin = ${turn.expectedVersion}::xid`;
  const result = await sql<StoredMessage>`
    with touched as (
      update conversation
      set language = ${turn.language}, dialogue_state = ${JSON.stringify(turn.dialogueState)}::jsonb,
          last_activity_at = ${turn.now}::timestamptz
      where id = ${turn.conversationId}::uuid${unchanged}
      returning id
    ), counted as (
      insert into intent_stat (hour, municipality_id, intent, language, channel, outcome, count)
      select ${hourOf(e.at)}::timestamptz, ${e.municipalityId}::uuid, ${e.intent}::text, ${e.language}::text,
             ${e.channel}::text, ${e.outcome}::text, 1
      from touched
      on conflict (municipality_id, hour, intent, language, channel, outcome)
      do update set count = intent_stat.count + 1
    )
    insert into message
      (conversation_id, role, text, intent, confidence, outcome, anonymizer_version, client_message_id, created_at)
    select touched.id, m.doc->>'role', m.doc->>'text', m.doc->>'intent', (m.doc->>'confidence')::real,
           m.doc->>'outcome', m.doc->>'anonymizerVersion', m.doc->>'clientMessageId', ${turn.now}::timestamptz
    from touched cross join jsonb_array_elements(${JSON.stringify(turn.messages)}::jsonb) with ordinality as m(doc, ord)
    order by m.ord
    returning id, role`.execute(db);
  return result.rows.sort((a, b) => Number(a.id) - Number(b.id));
}
