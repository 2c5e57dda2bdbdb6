import type { Selectable } from 'kysely';
import type { Db, StaffRoleName, StaffUserTable } from './schema.ts';

export type StaffUserRow = Selectable<StaffUserTable>;

export interface NewStaffUser {
  email: string;
  name: string;
  passwordHash: string | null;
  platformAdmin: boolean;
  now: Date;
}

/** E-mail addresses are compared case-insensitively: stored lower-case (a check constraint holds it). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createStaffUser(db: Db, u: NewStaffUser): Promise<StaffUserRow> {
  return db
    .insertInto('staff_user')
    .values({
      email: normaliseEmail(u.email),
      name: u.name,
      password_hash: u.passwordHash,
      platform_admin: u.platformAdmin,
      created_at: u.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findStaffUserByEmail(db: Db, email: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_user').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function findStaffUserById(db: Db, id: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function setPlatformAdmin(db: Db, userId: string, platformAdmin: boolean): Promise<void> {
  await db.updateTable('staff_user').set({ platform_admin: platformAdmin }).where('id', '=', userId).execute();
}

/** Whether the account is locked at `now` after too many failed logins. */
export function isLocked(user: Pick<StaffUserRow, 'locked_until'>, now: Date): boolean {
  return user.locked_until !== null && new Date(user.locked_until).getTime() > now.getTime();
}

/** Counts a failed login; locks the account for `lockMs` when `maxFailures` is reached. Returns the new count. */
export async function recordFailedLogin(
  db: Db,
  userId: string,
  options: { maxFailures: number; now: Date; lockMs: number },
): Promise<number> {
  const row = await db
    .updateTable('staff_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  if (row.failed_logins >= options.maxFailures) {
    await db
      .updateTable('staff_user')
      .set({ locked_until: new Date(options.now.getTime() + options.lockMs), failed_logins: 0 })
      .where('id', '=', userId)
      .execute();
  }
  return row.failed_logins;
}

export async function clearFailedLogins(db: Db, userId: string): Promise<void> {
  await db.updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setTotpSecret(db: Db, userId: string, secret: string | null, enabled: boolean): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ totp_secret: secret, totp_enabled: enabled })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records that the TOTP code of time step `step` was used: true only if no code of this step or a later one was
 * accepted before, so a code cannot be replayed within its window. Atomic, also across instances.
 */
export async function consumeTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('staff_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** TOTP secrets still stored in plain text (from before encryption at rest), to be sealed at startup. */
export async function listPlainTotpSecrets(
  db: Db,
  sealedPrefix: string,
): Promise<{ id: string; totp_secret: string; totp_enabled: boolean }[]> {
  const rows = await db
    .selectFrom('staff_user')
    .select(['id', 'totp_secret', 'totp_enabled'])
    .where('totp_secret', 'is not', null)
    .where('totp_secret', 'not like', `${sealedPrefix}%`)
    .execute();
  return rows.map((r) => ({ id: r.id, totp_secret: r.totp_secret as string, totp_enabled: r.totp_enabled }));
}

/** Replaces a stored TOTP secret by its sealed form, unless it changed meanwhile. */
export async function replaceTotpSecret(db: Db, userId: string, from: string, to: string): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ totp_secret: to })
    .where('id', '=', userId)
    .where('totp_secret', '=', from)
    .execute();
}

// Roles ---------------------------------------------------------------------------------------------------------

export interface RoleGrant {
  municipalityId: string;
  role: StaffRoleName;
}

export async function listRolesOfUser(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('staff_role')
    .select(['municipality_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('municipality_id')
    .orderBy('role')
    .execute();
  return rows.map((r) => ({ municipalityId: r.municipality_id, role: r.role }));
}

/** Replaces the roles a user holds in one municipality (an empty list removes the user from it). */
export async function setRolesInMunicipality(
  db: Db,
  userId: string,
  municipalityId: string,
  roles: readonly StaffRoleName[],
): Promise<void> {
  await db
    .deleteFrom('staff_role')
    .where('user_id', '=', userId)
    .where('municipality_id', '=', municipalityId)
    .execute();
  if (roles.length > 0) {
    await db
      .insertInto('staff_role')
      .values(roles.map((role) => ({ user_id: userId, municipality_id: municipalityId, role })))
      .execute();
  }
}

/** The staff of a municipality with their roles there. */
export async function listMembers(
  db: Db,
  municipalityId: string,
): Promise<{ user: StaffUserRow; roles: StaffRoleName[] }[]> {
  const rows = await db
    .selectFrom('staff_role')
    .innerJoin('staff_user', 'staff_user.id', 'staff_role.user_id')
    .selectAll('staff_user')
    .select('staff_role.role')
    .where('staff_role.municipality_id', '=', municipalityId)
    .orderBy('staff_user.email')
    .orderBy('staff_role.role')
    .execute();
  const byUser = new Map<string, { user: StaffUserRow; roles: StaffRoleName[] }>();
  for (const { role, ...user } of rows) {
    const entry = byUser.get(user.id) ?? { user, roles: [] };
    entry.roles.push(role);
    byUser.set(user.id, entry);
  }
  return [...byUser.values()];
}

// Sessions ------------------------------------------------------------------------------------------------------

export async function createSession(
  db: Db,
  s: { idHash: string; userId: string; mfaPending: boolean; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('staff_session')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      mfa_pending: s.mfaPending,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
    })
    .execute();
}

/**
 * The session with this id hash when it is neither past its absolute expiry nor idle for `idleMs`; touches it.
 * An expired session is deleted on sight.
 */
export async function touchSession(db: Db, idHash: string, options: { now: Date; idleMs: number }) {
  const row = await db.selectFrom('staff_session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!row) return undefined;
  const now = options.now.getTime();
  if (new Date(row.expires_at).getTime() <= now || new Date(row.last_seen_at).getTime() + options.idleMs <= now) {
    await deleteSession(db, idHash);
    return undefined;
  }
  await db.updateTable('staff_session').set({ last_seen_at: options.now }).where('id_hash', '=', idHash).execute();
  return row;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('staff_session').where('user_id', '=', userId).execute();
}

// Invitations ---------------------------------------------------------------------------------------------------

export async function createInvite(db: Db, i: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.deleteFrom('staff_invite').where('user_id', '=', i.userId).execute();
  await db
    .insertInto('staff_invite')
    .values({ token_hash: i.tokenHash, user_id: i.userId, expires_at: i.expiresAt })
    .execute();
}

/** Takes the invitation (it works once): the invited user id, or undefined when unknown or expired. */
export async function takeInvite(db: Db, tokenHash: string, now: Date): Promise<string | undefined> {
  const row = await db
    .deleteFrom('staff_invite')
    .where('token_hash', '=', tokenHash)
    .returning(['user_id', 'expires_at'])
    .executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return undefined;
  return row.user_id;
}
