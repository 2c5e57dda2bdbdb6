import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { STAFF_ROLES, type StaffRole } from '@kommunechat/protocol';
import { loadConfig, ConfigError } from '../config/load-config.ts';
import { openStore } from '../store/database.ts';
import { findMunicipalityBySlug } from '../store/municipality.repository.ts';
import {
  createInvite,
  createStaffUser,
  findStaffUserByEmail,
  listRolesOfUser,
  setPassword,
  setPlatformAdmin,
  setRolesInMunicipality,
} from '../store/staff.repository.ts';
import { appendAuditEvent } from '../store/audit.repository.ts';
import { hashPassword, newSecretToken, sha256 } from '../server/plugins/staff-credentials.ts';

const USAGE = `usage: kommunechat users add --email EMAIL --name NAME [--platform-admin] [--municipality SLUG --role ROLE ...] [--password-stdin]
  Without --password-stdin an invitation link is printed (valid 7 days): open it to choose a password.
  Roles: ${STAFF_ROLES.join(', ')}`;

const INVITE_VALID_MS = 7 * 86_400_000;

/**
 * `kommunechat users add`: creates a staff account from the server's shell, the only way in before anyone can
 * sign in (there is no self-registration). Adding roles to an existing account is allowed; its password is kept.
 */
export async function runUsersCommand(
  args: string[],
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream } = process,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'platform-admin': { type: 'boolean', default: false },
      municipality: { type: 'string' },
      role: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const problems: string[] = [];
  if (positionals.join(' ') !== 'add') problems.push(USAGE);
  if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))
    problems.push('--email must be an e-mail address');
  if (!values.name?.trim()) problems.push('--name is required');
  const roles = (values.role ?? []) as StaffRole[];
  for (const r of roles)
    if (!(STAFF_ROLES as readonly string[]).includes(r))
      problems.push(`--role ${r} is not one of ${STAFF_ROLES.join(', ')}`);
  if (roles.length > 0 && !values.municipality) problems.push('--role needs --municipality');
  if (values.municipality && roles.length === 0) problems.push('--municipality needs at least one --role');
  if (!values['platform-admin'] && roles.length === 0)
    problems.push('give --platform-admin or --municipality with --role');
  let password: string | undefined;
  if (values['password-stdin']) {
    password = (await text(io.stdin)).replace(/\r?\n$/, '');
    if (password.length < 12) problems.push('the password must have at least 12 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const config = loadConfig(process.env);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: resolve(config.dataDir), poolSize: 2 });
  try {
    const municipality = values.municipality ? await findMunicipalityBySlug(store.db, values.municipality) : undefined;
    if (values.municipality && !municipality) throw new ConfigError([`no municipality "${values.municipality}"`]);
    const now = new Date();
    const out = await store.db.transaction().execute(async (trx) => {
      let user = await findStaffUserByEmail(trx, values.email!);
      const created = !user;
      user ??= await createStaffUser(trx, {
        email: values.email!,
        name: values.name!.trim(),
        passwordHash: null,
        platformAdmin: false,
        now,
      });
      if (values['platform-admin']) await setPlatformAdmin(trx, user.id, true);
      if (municipality) {
        const held = (await listRolesOfUser(trx, user.id))
          .filter((g) => g.municipalityId === municipality.id)
          .map((g) => g.role);
        await setRolesInMunicipality(trx, user.id, municipality.id, [...new Set([...held, ...roles])]);
      }
      let invite: string | undefined;
      if (password !== undefined) await setPassword(trx, user.id, await hashPassword(password));
      else if (created || !user.password_hash) {
        invite = newSecretToken();
        await createInvite(trx, {
          tokenHash: sha256(invite),
          userId: user.id,
          expiresAt: new Date(now.getTime() + INVITE_VALID_MS),
        });
      }
      await appendAuditEvent(trx, {
        at: now,
        actorId: null,
        actorEmail: null,
        actorRole: 'cli',
        municipalityId: municipality?.id ?? null,
        action: 'members.cli_add',
        outcome: 'allowed',
      });
      return { id: user.id, created, invite };
    });
    io.stdout.write(
      `${out.created ? 'created' : 'updated'} staff account ${values.email!.toLowerCase()} (${out.id})\n`,
    );
    if (out.invite) io.stdout.write(`invitation (valid 7 days, shown once): /admin/#/invite/${out.invite}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
