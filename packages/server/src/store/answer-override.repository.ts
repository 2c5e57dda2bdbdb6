import type { Language } from '@kommunechat/protocol';
import type { AnswerOverride } from '../content/answer.resolver.ts';
import type { Db } from './schema.ts';

export async function listAnswerOverrides(db: Db, municipalityId: string): Promise<AnswerOverride[]> {
  return db
    .selectFrom('answer_override')
    .select(['intent', 'language', 'mode', 'text'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('intent')
    .orderBy('language')
    .execute();
}

function overrideRow(municipalityId: string, o: AnswerOverride, now: Date) {
  return {
    municipality_id: municipalityId,
    intent: o.intent,
    language: o.language,
    mode: o.mode,
    text: o.text,
    updated_at: now,
  };
}

export async function upsertAnswerOverride(
  db: Db,
  municipalityId: string,
  o: AnswerOverride,
  now: Date,
): Promise<void> {
  await db
    .insertInto('answer_override')
    .values(overrideRow(municipalityId, o, now))
    .onConflict((oc) =>
      oc
        .columns(['municipality_id', 'intent', 'language'])
        .doUpdateSet({ mode: o.mode, text: o.text, updated_at: now }),
    )
    .execute();
}

export async function deleteAnswerOverride(
  db: Db,
  municipalityId: string,
  intent: string,
  language: Language,
): Promise<boolean> {
  const r = await db
    .deleteFrom('answer_override')
    .where('municipality_id', '=', municipalityId)
    .where('intent', '=', intent)
    .where('language', '=', language)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Seeds a municipality's own answer from its YAML file unless one is already stored (edits in the console win). */
export async function createAnswerOverrideIfMissing(
  db: Db,
  municipalityId: string,
  o: AnswerOverride,
  now: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('answer_override')
    .values(overrideRow(municipalityId, o, now))
    .onConflict((oc) => oc.columns(['municipality_id', 'intent', 'language']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
