import { sql } from 'kysely';
import type { Language } from '@kommunechat/protocol';
import type { Db, TrainingPhraseTable, WorklistDecisionTable } from './schema.ts';
import type { Selectable } from 'kysely';

export type WorklistReason = 'not_understood' | 'low_confidence' | 'not_helpful';

export interface WorklistRow {
  messageId: number;
  text: string;
  language: Language;
  reason: WorklistReason;
  intent: string | null;
  confidence: number | null;
  at: Date;
}

/**
 * Citizen messages of retained conversations the bot did not handle well and nobody has decided on yet: not
 * understood (fallback or out of scope), answered or clarified below `lowConfidence`, or followed by an answer
 * the citizen rated not helpful. Newest first.
 */
export async function listWorklist(
  db: Db,
  municipalityId: string,
  options: { retainedSince: Date; lowConfidence: number; limit: number },
): Promise<WorklistRow[]> {
  const { rows } = await sql<{
    id: number;
    text: string;
    language: Language;
    intent: string | null;
    confidence: number | null;
    outcome: string | null;
    created_at: Date;
    not_helpful: boolean;
  }>`
    select u.id, u.text, c.language, u.intent, u.confidence, u.outcome, u.created_at,
      exists (
        select 1 from message b where b.conversation_id = u.conversation_id and b.role = 'bot' and b.helpful = false and b.id > u.id
          and not exists (select 1 from message n where n.conversation_id = u.conversation_id and n.role = 'user' and n.id > u.id and n.id < b.id)
      ) as not_helpful
    from message u join conversation c on c.id = u.conversation_id
    where c.municipality_id = ${municipalityId} and c.last_activity_at >= ${options.retainedSince} and u.role = 'user'
      and not exists (select 1 from worklist_decision d where d.message_id = u.id)
    order by u.id desc`.execute(db);
  const out: WorklistRow[] = [];
  for (const r of rows) {
    const notUnderstood = r.outcome === 'fallback' || r.intent === 'oos';
    const low = !notUnderstood && r.confidence !== null && r.confidence < options.lowConfidence;
    const reason: WorklistReason | undefined = notUnderstood
      ? 'not_understood'
      : r.not_helpful
        ? 'not_helpful'
        : low
          ? 'low_confidence'
          : undefined;
    if (reason)
      out.push({
        messageId: Number(r.id),
        text: r.text,
        language: r.language,
        reason,
        intent: r.intent,
        confidence: r.confidence,
        at: new Date(r.created_at),
      });
    if (out.length >= options.limit) break;
  }
  return out;
}

/** The citizen message when it belongs to a retained conversation of the municipality. */
export async function findWorklistMessage(db: Db, municipalityId: string, messageId: number, retainedSince: Date) {
  return db
    .selectFrom('message')
    .innerJoin('conversation', 'conversation.id', 'message.conversation_id')
    .select(['message.id', 'message.text', 'message.conversation_id', 'conversation.language'])
    .where('message.id', '=', messageId)
    .where('message.role', '=', 'user')
    .where('conversation.municipality_id', '=', municipalityId)
    .where('conversation.last_activity_at', '>=', retainedSince)
    .executeTakeFirst();
}

/** Records the decision once; false when the message was already decided on. */
export async function recordDecision(
  db: Db,
  messageId: number,
  action: Selectable<WorklistDecisionTable>['action'],
  at: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('worklist_decision')
    .values({ message_id: messageId, action, decided_at: at })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function addTrainingPhrase(
  db: Db,
  p: {
    municipalityId: string;
    intent: string;
    language: Language;
    text: string;
    status: 'active' | 'proposed';
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('training_phrase')
    .values({
      municipality_id: p.municipalityId,
      intent: p.intent,
      language: p.language,
      text: p.text,
      status: p.status,
      created_at: p.at,
    })
    .execute();
}

export type TrainingPhraseRow = Selectable<TrainingPhraseTable>;

export async function listTrainingPhrases(
  db: Db,
  options: { municipalityId?: string; status?: 'active' | 'proposed' } = {},
): Promise<TrainingPhraseRow[]> {
  let q = db.selectFrom('training_phrase').selectAll();
  if (options.municipalityId) q = q.where('municipality_id', '=', options.municipalityId);
  if (options.status) q = q.where('status', '=', options.status);
  const rows = await q.orderBy('id', 'desc').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function deleteTrainingPhrase(db: Db, municipalityId: string, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('training_phrase')
    .where('id', '=', id)
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
