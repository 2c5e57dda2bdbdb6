import { sql } from 'kysely';
import type { ConversationRow, Db } from './schema.ts';

export interface ChatLogFilter {
  /** conversations whose last activity is older than this are past retention: never shown, even before the job ran */
  retainedSince: Date;
  /** words searched in the (masked) message text, case-insensitively */
  q?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  offset: number;
  limit: number;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A municipality's retained conversations, newest activity first, with their message counts. */
export async function listRetainedConversations(
  db: Db,
  municipalityId: string,
  f: ChatLogFilter,
): Promise<{ rows: { conversation: ConversationRow; messageCount: number }[]; total: number }> {
  let q = db
    .selectFrom('conversation')
    .where('conversation.municipality_id', '=', municipalityId)
    .where('conversation.last_activity_at', '>=', f.retainedSince);
  if (f.from) q = q.where('conversation.started_at', '>=', f.from);
  if (f.to) q = q.where('conversation.started_at', '<', f.to);
  if (f.q) {
    const pattern = likePattern(f.q);
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('message')
          .select(sql.lit(1).as('one'))
          .whereRef('message.conversation_id', '=', 'conversation.id')
          .where(sql<boolean>`message.text ilike ${pattern} escape '\\'`),
      ),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('conversation')
    .select((eb) =>
      eb
        .selectFrom('message')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('message.conversation_id', '=', 'conversation.id')
        .as('message_count'),
    )
    .orderBy('conversation.last_activity_at', 'desc')
    .orderBy('conversation.id')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map(({ message_count, ...conversation }) => ({
      conversation: conversation as ConversationRow,
      messageCount: Number(message_count ?? 0),
    })),
  };
}

/** The conversation when it belongs to the municipality and is still retained. */
export async function findRetainedConversation(
  db: Db,
  municipalityId: string,
  id: string,
  retainedSince: Date,
): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversation')
    .selectAll()
    .where('id', '=', id)
    .where('municipality_id', '=', municipalityId)
    .where('last_activity_at', '>=', retainedSince)
    .executeTakeFirst();
}
