import { sql, type Kysely } from 'kysely';

// The chat log. Message text lives in `message.text` only, always masked. Conversations carry no visitor data
// beyond time, platform, browser family + version, language and channel (privacy rule 4).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipality.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.check(sql`platform in ('desktop', 'tablet', 'mobile')`))
    .addColumn('browser', 'text')
    .addColumn('browser_version', 'text')
    .addColumn('dialogue_state', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('helpful', 'boolean')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_activity_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('conversation_retention_idx')
    .on('conversation')
    .columns(['municipality_id', 'last_activity_at'])
    .execute();

  await db.schema
    .createTable('message')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversation.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('user', 'bot', 'agent')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('intent', 'text')
    .addColumn('confidence', 'real')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('answered', 'clarified', 'fallback', 'handover')`))
    .addColumn('helpful', 'boolean')
    .addColumn('anonymizer_version', 'text')
    .addColumn('client_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // A retried message (same client id) is answered from the log instead of twice.
  await db.schema
    .createIndex('message_client_id_idx')
    .on('message')
    .columns(['conversation_id', 'client_message_id'])
    .unique()
    .where(sql.ref('client_message_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('message_conversation_idx').on('message').columns(['conversation_id', 'id']).execute();
  await db.schema.createIndex('message_anonymizer_idx').on('message').columns(['anonymizer_version', 'id']).execute();

  // Anonymous statistics: no conversation id, no text. They survive retention and feed statistics and billing.
  await db.schema
    .createTable('intent_stat')
    .addColumn('hour', 'timestamptz', (c) => c.notNull())
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipality.id').onDelete('cascade'))
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('intent_stat_pk', ['municipality_id', 'hour', 'intent', 'language', 'channel', 'outcome'])
    .execute();

  await db.schema
    .createTable('job_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_result', 'jsonb')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['job_state', 'intent_stat', 'message', 'conversation']) await db.schema.dropTable(t).execute();
}
