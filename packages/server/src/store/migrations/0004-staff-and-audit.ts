import { sql, type Kysely } from 'kysely';

// Staff accounts, their roles per municipality, sessions, invitations and the append-only audit log.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_user')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`email = lower(email)`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('platform_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('staff_role')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipality.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('municipality_admin', 'editor', 'analyst', 'reviewer', 'agent')`),
    )
    .addPrimaryKeyConstraint('staff_role_pk', ['user_id', 'municipality_id', 'role'])
    .execute();
  await db.schema.createIndex('staff_role_municipality_idx').on('staff_role').columns(['municipality_id']).execute();

  // Only the SHA-256 of the session id is stored: a copy of the table does not let anyone sign in.
  await db.schema
    .createTable('staff_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('mfa_pending', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_session_user_idx').on('staff_session').columns(['user_id']).execute();

  await db.schema
    .createTable('staff_invite')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // No foreign keys: the trail must outlive the accounts, municipalities and conversations it mentions, and a
  // cascading delete would be an UPDATE/DELETE on the log, which the trigger below forbids.
  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_email', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('municipality_id', 'uuid')
    .addColumn('conversation_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('allowed', 'denied')`))
    .execute();
  await db.schema
    .createIndex('audit_event_municipality_idx')
    .on('audit_event')
    .columns(['municipality_id', 'id'])
    .execute();
  await sql`
    create function audit_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end $$`.execute(db);
  await sql`create trigger audit_event_no_change before update or delete on audit_event for each row execute function audit_event_is_append_only()`.execute(
    db,
  );
  await sql`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_is_append_only()`.execute(
    db,
  );

  // The legal basis text the widget's privacy notice links to; edited in the admin console.
  await db.schema
    .alterTable('municipality')
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('municipality').dropColumn('legal_basis').execute();
  await db.schema.dropTable('audit_event').execute();
  await sql`drop function audit_event_is_append_only()`.execute(db);
  for (const t of ['staff_invite', 'staff_session', 'staff_role', 'staff_user']) await db.schema.dropTable(t).execute();
}
