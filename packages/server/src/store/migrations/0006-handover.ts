import { sql, type Kysely } from 'kysely';

// Live handover to a person. The state of each conversation that ever asked for a person (one row, changed only
// under the conversation's row lock), and which agents are online where: ids and times only, no text.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('handover')
    .addColumn('conversation_id', 'uuid', (c) => c.primaryKey().references('conversation.id').onDelete('cascade'))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipality.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('bot', 'waiting', 'with_agent', 'leaving_message', 'message_left', 'closed')`),
    )
    // set null: deleting a staff account must not delete citizens' conversations; the state machine requeues
    .addColumn('agent_id', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('handover_queue_idx')
    .on('handover')
    .columns(['municipality_id', 'state', 'requested_at'])
    .execute();

  // One row per open agent connection and municipality; rows whose heartbeat is older than the presence timeout
  // do not count (an instance that died leaves rows that simply age out).
  await db.schema
    .createTable('agent_presence')
    .addColumn('connection_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipality.id').onDelete('cascade'))
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_presence_pk', ['connection_id', 'municipality_id'])
    .execute();
  await db.schema
    .createIndex('agent_presence_municipality_idx')
    .on('agent_presence')
    .columns(['municipality_id', 'seen_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_presence').execute();
  await db.schema.dropTable('handover').execute();
}
