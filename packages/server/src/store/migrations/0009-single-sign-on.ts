import { sql, type Kysely } from 'kysely';

// OpenID Connect single sign-on for municipalities with their own identity provider: the provider of each
// municipality, the short-lived state of sign-ins under way, and the provider's subject a staff account is linked to.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipality_sso')
    .addColumn('municipality_id', 'uuid', (c) => c.primaryKey().references('municipality.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    // sealed with KOMMUNECHAT_SECRET_KEY (privacy/secret-box.ts); null for a public client (PKCE only)
    .addColumn('client_secret', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('staff_sso_attempt')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'uuid', (c) => c.notNull().references('municipality.id').onDelete('cascade'))
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('staff_user').addColumn('sso_issuer', 'text').addColumn('sso_subject', 'text').execute();
  await db.schema
    .createIndex('staff_user_sso_identity')
    .unique()
    .on('staff_user')
    .columns(['sso_issuer', 'sso_subject'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('staff_user_sso_identity').execute();
  await db.schema.alterTable('staff_user').dropColumn('sso_issuer').dropColumn('sso_subject').execute();
  await db.schema.dropTable('staff_sso_attempt').execute();
  await db.schema.dropTable('municipality_sso').execute();
}
