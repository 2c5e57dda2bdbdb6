import type { Selectable } from 'kysely';
import type { AuditEventTable, Db } from './schema.ts';

export type AuditEventRow = Selectable<AuditEventTable>;

/** One entry of the audit trail: who, in which role, where, which conversation, what, and whether it was allowed. */
export interface AuditEvent {
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  municipalityId: string | null;
  conversationId?: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
}

/** Appends to the audit trail. There is deliberately no update or delete: the database refuses both. */
export async function appendAuditEvent(db: Db, e: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      at: e.at,
      actor_id: e.actorId,
      actor_email: e.actorEmail,
      actor_role: e.actorRole,
      municipality_id: e.municipalityId,
      conversation_id: e.conversationId ?? null,
      action: e.action,
      outcome: e.outcome,
    })
    .execute();
}

/** The newest events first; all municipalities when `municipalityId` is null (platform view). */
export async function listAuditEvents(
  db: Db,
  municipalityId: string | null,
  options: { limit: number; beforeId?: number | undefined },
): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_event').selectAll();
  if (municipalityId !== null) q = q.where('municipality_id', '=', municipalityId);
  if (options.beforeId !== undefined) q = q.where('id', '<', options.beforeId);
  const rows = await q.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
