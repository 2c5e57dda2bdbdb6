import type { Db } from './schema.ts';

/** The legal-basis text of a municipality (edited in the admin console). */
export async function findLegalBasis(db: Db, municipalityId: string): Promise<string> {
  const row = await db
    .selectFrom('municipality')
    .select('legal_basis')
    .where('id', '=', municipalityId)
    .executeTakeFirst();
  return row?.legal_basis ?? '';
}

export async function setLegalBasis(db: Db, municipalityId: string, text: string): Promise<void> {
  await db.updateTable('municipality').set({ legal_basis: text }).where('id', '=', municipalityId).execute();
}
