import type { Selectable } from 'kysely';
import type { Db, MunicipalitySsoTable } from './schema.ts';
import type { StaffUserRow } from './staff.repository.ts';

export type MunicipalitySsoRow = Selectable<MunicipalitySsoTable>;

export async function findSsoProvider(db: Db, municipalityId: string): Promise<MunicipalitySsoRow | undefined> {
  return db.selectFrom('municipality_sso').selectAll().where('municipality_id', '=', municipalityId).executeTakeFirst();
}

/** The municipalities whose staff can sign in with their own identity provider, for the login page. */
export async function listSsoMunicipalities(db: Db): Promise<{ slug: string; name: string }[]> {
  return db
    .selectFrom('municipality_sso')
    .innerJoin('municipality', 'municipality.id', 'municipality_sso.municipality_id')
    .select(['municipality.slug', 'municipality.name'])
    .where('municipality_sso.enabled', '=', true)
    .orderBy('municipality.name')
    .execute();
}

export async function saveSsoProvider(
  db: Db,
  p: Omit<MunicipalitySsoRow, 'updated_at'> & { updated_at: Date },
): Promise<MunicipalitySsoRow> {
  return db
    .insertInto('municipality_sso')
    .values(p)
    .onConflict((oc) =>
      oc.column('municipality_id').doUpdateSet({
        enabled: p.enabled,
        issuer: p.issuer,
        client_id: p.client_id,
        client_secret: p.client_secret,
        updated_at: p.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface SsoAttempt {
  stateHash: string;
  municipalityId: string;
  codeVerifier: string;
  nonce: string;
  expiresAt: Date;
}

/** Records a sign-in under way; attempts that expired before `now` are removed on the way. */
export async function createSsoAttempt(db: Db, a: SsoAttempt, now: Date): Promise<void> {
  await db.deleteFrom('staff_sso_attempt').where('expires_at', '<', now).execute();
  await db
    .insertInto('staff_sso_attempt')
    .values({
      state_hash: a.stateHash,
      municipality_id: a.municipalityId,
      code_verifier: a.codeVerifier,
      nonce: a.nonce,
      expires_at: a.expiresAt,
    })
    .execute();
}

/** Takes a sign-in under way by its state (once: it is deleted); undefined when unknown or expired. */
export async function takeSsoAttempt(db: Db, stateHash: string, now: Date): Promise<SsoAttempt | undefined> {
  const row = await db
    .deleteFrom('staff_sso_attempt')
    .where('state_hash', '=', stateHash)
    .returningAll()
    .executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return undefined;
  return {
    stateHash: row.state_hash,
    municipalityId: row.municipality_id,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    expiresAt: new Date(row.expires_at),
  };
}

export async function findStaffUserBySsoIdentity(
  db: Db,
  issuer: string,
  subject: string,
): Promise<StaffUserRow | undefined> {
  return db
    .selectFrom('staff_user')
    .selectAll()
    .where('sso_issuer', '=', issuer)
    .where('sso_subject', '=', subject)
    .executeTakeFirst();
}

export async function linkSsoIdentity(db: Db, userId: string, issuer: string, subject: string): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ sso_issuer: issuer, sso_subject: subject })
    .where('id', '=', userId)
    .execute();
}
