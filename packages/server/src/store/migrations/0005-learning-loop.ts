import { sql, type Kysely } from 'kysely';

// The learning loop: what reviewers decided about messages the bot did not handle well, and the training phrases
// that came of it (masked text, as stored in the chat log).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_phrase')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipality.id').onDelete('cascade'))
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // active: trains the model; proposed: suggested for the shared answer base, reviewed by the platform
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'proposed')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_phrase_municipality_idx')
    .on('training_phrase')
    .columns(['municipality_id', 'id'])
    .execute();

  // Goes with the message: once retention deletes the message, nothing is left to hide from the worklist.
  await db.schema
    .createTable('worklist_decision')
    .addColumn('message_id', 'bigint', (c) => c.primaryKey().references('message.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('assign', 'propose', 'out_of_scope', 'dismiss')`),
    )
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('worklist_decision').execute();
  await db.schema.dropTable('training_phrase').execute();
}
