import type { Kysely } from 'kysely';

// The last TOTP time step accepted per user, so a code cannot be used twice; the secret itself becomes ciphertext
// (AES-256-GCM, see privacy/secret-box.ts) the next time it is written.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_user').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_user').dropColumn('totp_last_step').execute();
}
