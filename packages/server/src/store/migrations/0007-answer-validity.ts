import { sql, type Kysely } from 'kysely';

// A municipality's own answer may apply for a period only (e.g. during an election); outside it the shared answer does.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('answer_override')
    .addColumn('valid_from', 'timestamptz')
    .addColumn('valid_to', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('answer_override')
    .addCheckConstraint(
      'answer_override_valid_period',
      sql`valid_from is null or valid_to is null or valid_from < valid_to`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('answer_override').dropConstraint('answer_override_valid_period').execute();
  await db.schema.alterTable('answer_override').dropColumn('valid_from').dropColumn('valid_to').execute();
}
