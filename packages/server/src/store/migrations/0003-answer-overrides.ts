import { sql, type Kysely } from 'kysely';

// A municipality's own answer for an intent in one language: replaces or extends the shared answer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('answer_override')
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipality.id').onDelete('cascade'))
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('replace', 'extend')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('answer_override_pk', ['municipality_id', 'intent', 'language'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('answer_override').execute();
}
