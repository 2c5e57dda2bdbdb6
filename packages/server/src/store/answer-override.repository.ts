import type { Language } from '@kommunechat/protocol';
import type { AnswerOverride } from '../content/answer.resolver.ts';
import type { Db } from './schema.ts';

/** A municipality's own answers, with their validity periods (whether in effect now is for the resolver to judge). */
export async function listAnswerOverrides(db: Db, municipalityId: string): Promise<AnswerOverride[]> {
  const rows = await db
    .selectFrom('answer_override')
    .select(['intent', 'language', 'mode', 'text', 'valid_from', 'valid_to'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('intent')
    .orderBy('language')
    .execute();
  return rows.map(({ valid_from, valid_to, ...o }) => ({
    ...o,
    validFrom: valid_from ? new Date(valid_from) : null,
    validTo: valid_to ? new Date(valid_to) : null,
  }));
}

function overrideRow(municipalityId: string, o: AnswerOverride, now: Date) {
  return {
    municipality_id: municipalityId,
    intent: o.intent,
    language: o.language,
    mode: o.mode,
    text: o.text,
    valid_from: o.validFrom ?? null,
    valid_to: o.validTo ?? null,
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
      oc.columns(['municipality_id', 'intent', 'language']).doUpdateSet({
        mode: o.mode,
        text: o.text,
        valid_from: o.validFrom ?? null,
        valid_to: o.validTo ?? null,
        updated_at: now,
      }),
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
