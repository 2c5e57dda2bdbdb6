import type { HandoverState } from '@kommunechat/protocol';
import type { Db } from './schema.ts';

export interface HandoverRow {
  conversationId: string;
  municipalityId: string;
  state: HandoverState;
  agentId: string | null;
  requestedAt: Date;
}

const toRow = (r: {
  conversation_id: string;
  municipality_id: string;
  state: HandoverState;
  agent_id: string | null;
  requested_at: Date | string;
}): HandoverRow => ({
  conversationId: r.conversation_id,
  municipalityId: r.municipality_id,
  state: r.state,
  agentId: r.agent_id,
  requestedAt: new Date(r.requested_at),
});

/** The handover of a conversation; undefined when it never asked for a person. Read under the conversation lock. */
export async function findHandover(db: Db, conversationId: string): Promise<HandoverRow | undefined> {
  const r = await db
    .selectFrom('handover')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return r && toRow(r);
}

/** Writes the new state; `requested` restarts the wait clock (a new request for a person). */
export async function saveHandover(
  db: Db,
  h: {
    conversationId: string;
    municipalityId: string;
    state: HandoverState;
    agentId: string | null;
    now: Date;
    requested: boolean;
  },
): Promise<void> {
  await db
    .insertInto('handover')
    .values({
      conversation_id: h.conversationId,
      municipality_id: h.municipalityId,
      state: h.state,
      agent_id: h.agentId,
      requested_at: h.now,
      updated_at: h.now,
    })
    .onConflict((oc) =>
      oc.column('conversation_id').doUpdateSet({
        state: h.state,
        agent_id: h.agentId,
        updated_at: h.now,
        ...(h.requested ? { requested_at: h.now } : {}),
      }),
    )
    .execute();
}

/** The queue of the municipalities: waiting first (longest wait first), then live chats, then messages left. */
export async function listQueue(
  db: Db,
  municipalityIds: readonly string[],
): Promise<(HandoverRow & { language: string })[]> {
  if (municipalityIds.length === 0) return [];
  const rows = await db
    .selectFrom('handover')
    .innerJoin('conversation', 'conversation.id', 'handover.conversation_id')
    .select([
      'handover.conversation_id',
      'handover.municipality_id',
      'handover.state',
      'handover.agent_id',
      'handover.requested_at',
      'conversation.language',
    ])
    .where('handover.municipality_id', 'in', municipalityIds)
    .where('handover.state', 'in', ['waiting', 'with_agent', 'message_left'])
    .orderBy('handover.requested_at')
    .limit(500)
    .execute();
  const order: Record<string, number> = { waiting: 0, with_agent: 1, message_left: 2 };
  return rows
    .map((r) => ({ ...toRow(r), language: r.language }))
    .sort((a, b) => (order[a.state] ?? 3) - (order[b.state] ?? 3));
}

/** Conversations an agent holds (to requeue them when the agent's last connection closes). */
export async function listHeldBy(db: Db, agentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('handover')
    .select('conversation_id')
    .where('agent_id', '=', agentId)
    .where('state', '=', 'with_agent')
    .execute();
  return rows.map((r) => r.conversation_id);
}

/** Marks one agent connection online in its municipalities (replacing what it said before). */
export async function upsertPresence(
  db: Db,
  p: { connectionId: string; userId: string; municipalityIds: readonly string[]; now: Date },
): Promise<void> {
  await db.deleteFrom('agent_presence').where('connection_id', '=', p.connectionId).execute();
  if (p.municipalityIds.length === 0) return;
  await db
    .insertInto('agent_presence')
    .values(
      p.municipalityIds.map((m) => ({
        connection_id: p.connectionId,
        user_id: p.userId,
        municipality_id: m,
        seen_at: p.now,
      })),
    )
    .execute();
}

export async function touchPresence(db: Db, connectionIds: readonly string[], now: Date): Promise<void> {
  if (connectionIds.length === 0) return;
  await db.updateTable('agent_presence').set({ seen_at: now }).where('connection_id', 'in', connectionIds).execute();
}

export async function deletePresence(db: Db, connectionIds: readonly string[]): Promise<void> {
  if (connectionIds.length === 0) return;
  await db.deleteFrom('agent_presence').where('connection_id', 'in', connectionIds).execute();
}

/** Whether an agent of the municipality has a connection with a heartbeat newer than `since`. */
export async function agentOnline(db: Db, municipalityId: string, since: Date): Promise<boolean> {
  const r = await db
    .selectFrom('agent_presence')
    .select('connection_id')
    .where('municipality_id', '=', municipalityId)
    .where('seen_at', '>', since)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Whether another connection of the agent is still online (then the agent's chats stay with the agent). */
export async function agentStillConnected(db: Db, userId: string, since: Date): Promise<boolean> {
  const r = await db
    .selectFrom('agent_presence')
    .select('connection_id')
    .where('user_id', '=', userId)
    .where('seen_at', '>', since)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Agents holding live chats with no connection whose heartbeat is newer than `since`: their instance went away
 * without saying so (a crash, a killed container), since a closed connection requeues at once.
 */
export async function listVanishedAgents(db: Db, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('handover')
    .select('agent_id')
    .distinct()
    .where('state', '=', 'with_agent')
    .where('agent_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('agent_presence')
            .select('connection_id')
            .whereRef('agent_presence.user_id', '=', 'handover.agent_id')
            .where('seen_at', '>', since),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.agent_id!);
}

/** Forgets connections whose heartbeat stopped before `before` (left behind by an instance that went away). */
export async function deleteStalePresence(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('agent_presence').where('seen_at', '<', before).execute();
}

/** A message in a live chat counts as activity: retention starts again from it. */
export async function touchConversation(db: Db, conversationId: string, now: Date): Promise<void> {
  await db.updateTable('conversation').set({ last_activity_at: now }).where('id', '=', conversationId).execute();
}

/** The message a client already sent with this id, when it was committed before (a retry). */
export async function findMessageByClientId(
  db: Db,
  conversationId: string,
  clientMessageId: string,
): Promise<{ id: number } | undefined> {
  const r = await db
    .selectFrom('message')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
  return r && { id: Number(r.id) };
}

export async function findMessage(db: Db, conversationId: string, id: number) {
  return db
    .selectFrom('message')
    .select(['id', 'role', 'text', 'created_at'])
    .where('conversation_id', '=', conversationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What a socket handshake needs of a conversation: its municipality and the hash its token must match. */
export async function findConversationForSocket(db: Db, id: string) {
  return db
    .selectFrom('conversation')
    .select(['id', 'municipality_id', 'token_hash', 'ended_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
