import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import {
  AcceptInviteBodySchema,
  KommunechatError,
  LoginBodySchema,
  SessionResponseSchema,
  TotpCodeBodySchema,
  TotpSetupResponseSchema,
  Type,
  type LoginBody,
  type SessionResponse,
  type StaffRole,
} from '@kommunechat/protocol';
import { secretKeyOf } from '../../../config/load-config.ts';
import { openSecret, sealSecret } from '../../../privacy/secret-box.ts';
import { listMunicipalities } from '../../../store/municipality.repository.ts';
import {
  clearFailedLogins,
  consumeTotpStep,
  findStaffUserByEmail,
  isLocked,
  recordFailedLogin,
  setPassword,
  setTotpSecret,
  takeInvite,
  type StaffUserRow,
} from '../../../store/staff.repository.ts';
import { endSession, loadActor, startSession } from '../../plugins/auth.plugin.ts';
import { csrfTokenOf, hashPassword, sha256, verifyPassword } from '../../plugins/staff-credentials.ts';
import { presentStaffUser } from '../../presenters/admin.presenter.ts';
import { audit, auditSignIn, errorResponses, signInRateLimit, staffOf } from './admin-access.ts';

const WRONG_LOGIN = 'Wrong e-mail address or password, or the account is locked for a while.';

const TOTP_PERIOD_SECONDS = 30;

export function totpFor(user: Pick<StaffUserRow, 'email'>, secret: Secret): TOTP {
  return new TOTP({
    issuer: 'kommunechat',
    label: user.email,
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** The staff member as the console needs them: who they are and where they hold which roles. */
export async function describeUser(req: FastifyRequest, user: StaffUserRow) {
  const db = req.server.runtime.store.db;
  const actor = await loadActor(db, user);
  const municipalities = (await listMunicipalities(db)).filter((m) => actor.roles.has(m.id));
  return presentStaffUser(
    user,
    municipalities.map((m) => ({ municipality: m, roles: [...(actor.roles.get(m.id) ?? [])] as StaffRole[] })),
  );
}

/** Sign in and out, the second factor, invitations. */
export const adminAuthRoutes: FastifyPluginAsync = async (app) => {
  const { config, clock, store } = app.runtime;
  const db = store.db;
  const loginLimit = signInRateLimit(app);

  const secretKey = secretKeyOf(config);

  /**
   * Whether `code` is the user's current TOTP code (one step of clock drift either way) and was not used before:
   * the accepted time step is stored, so the same code (or an older one) is refused afterwards.
   */
  async function acceptTotpCode(user: StaffUserRow, code: string): Promise<boolean> {
    if (!user.totp_secret) return false;
    const now = clock.now().getTime();
    const secret = Secret.fromBase32(openSecret(secretKey, user.totp_secret, user.id));
    const delta = totpFor(user, secret).validate({ token: code, timestamp: now, window: 1 });
    if (delta === null) return false;
    return consumeTotpStep(db, user.id, Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta);
  }

  /** One audit line of a sign-in step; sign-in happens outside any municipality. */
  const auditSignInStep = (user: StaffUserRow, action: string, outcome: 'allowed' | 'denied') =>
    auditSignIn(app.runtime, { user, action, outcome, municipalityId: null });

  async function failed(user: StaffUserRow | undefined, action: string): Promise<never> {
    if (user) {
      await recordFailedLogin(db, user.id, {
        maxFailures: config.adminLoginMaxFailures,
        now: clock.now(),
        lockMs: config.adminLockoutMinutes * 60_000,
      });
      await auditSignInStep(user, action, 'denied');
    }
    throw new KommunechatError('unauthorized', WRONG_LOGIN);
  }

  app.post(
    '/auth/login',
    {
      config: { auth: 'none' },
      preHandler: loginLimit,
      schema: {
        summary: 'Sign in with e-mail and password',
        body: LoginBodySchema,
        response: { 200: SessionResponseSchema, ...errorResponses },
      },
    },
    async (req, reply): Promise<SessionResponse> => {
      const { email, password } = req.body as LoginBody;
      const user = await findStaffUserByEmail(db, email);
      const ok = await verifyPassword(user?.password_hash, password);
      if (!user || !ok || isLocked(user, clock.now()) || user.disabled_at) return failed(user, 'auth.login');
      await clearFailedLogins(db, user.id);
      await endSession(req, reply); // a session id that existed before login is never reused after it
      const { csrfToken } = await startSession(req, reply, user.id, user.totp_enabled);
      if (!user.totp_enabled) await auditSignInStep(user, 'auth.login', 'allowed');
      return {
        user: user.totp_enabled ? null : await describeUser(req, user),
        mfaRequired: user.totp_enabled,
        csrfToken,
      };
    },
  );

  app.post(
    '/auth/totp',
    {
      config: { auth: 'mfa' },
      preHandler: loginLimit,
      schema: {
        summary: 'Second login step: the current TOTP code',
        body: TotpCodeBodySchema,
        response: { 200: SessionResponseSchema, ...errorResponses },
      },
    },
    async (req, reply): Promise<SessionResponse> => {
      const { user, mfaPending } = staffOf(req);
      if (!mfaPending || !user.totp_secret) throw new KommunechatError('conflict', 'No second factor is pending.');
      const { code } = req.body as { code: string };
      if (!(await acceptTotpCode(user, code))) return failed(user, 'auth.totp');
      await clearFailedLogins(db, user.id);
      await endSession(req, reply);
      const { csrfToken } = await startSession(req, reply, user.id, false);
      await auditSignInStep(user, 'auth.login', 'allowed');
      return { user: await describeUser(req, user), mfaRequired: false, csrfToken };
    },
  );

  app.get(
    '/auth/session',
    {
      config: { auth: 'mfa' },
      schema: { summary: 'The current session', response: { 200: SessionResponseSchema, ...errorResponses } },
    },
    async (req): Promise<SessionResponse> => {
      const staff = staffOf(req);
      return {
        user: staff.mfaPending ? null : await describeUser(req, staff.user),
        mfaRequired: staff.mfaPending,
        csrfToken: csrfTokenOf(staff.sessionId),
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { auth: 'mfa' },
      schema: {
        summary: 'End the session on the server',
        response: { 200: Type.Object({ ended: Type.Boolean() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      await endSession(req, reply);
      return { ended: true };
    },
  );

  app.post(
    '/auth/invite',
    {
      config: { auth: 'none' },
      preHandler: loginLimit,
      schema: {
        summary: 'Accept an invitation by choosing a password',
        body: AcceptInviteBodySchema,
        response: { 200: Type.Object({ accepted: Type.Boolean() }), ...errorResponses },
      },
    },
    async (req) => {
      const { token, password } = req.body as { token: string; password: string };
      const userId = await takeInvite(db, sha256(token), clock.now());
      if (!userId) throw new KommunechatError('not_found', 'This invitation is unknown or has expired.');
      await setPassword(db, userId, await hashPassword(password));
      return { accepted: true };
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      schema: {
        summary: 'Start enrolling a TOTP second factor',
        response: { 200: TotpSetupResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { user } = staffOf(req);
      if (user.totp_enabled) throw new KommunechatError('conflict', 'A second factor is already enabled.');
      if (!secretKey)
        throw new KommunechatError(
          'service_unavailable',
          'A second factor cannot be enrolled until the operator sets KOMMUNECHAT_SECRET_KEY.',
        );
      const secret = new Secret({ size: 20 });
      await setTotpSecret(db, user.id, sealSecret(secretKey, secret.base32, user.id), false);
      return { secret: secret.base32, uri: totpFor(user, secret).toString() };
    },
  );

  app.post(
    '/auth/totp/enable',
    {
      schema: {
        summary: 'Confirm the TOTP enrolment with a current code',
        body: TotpCodeBodySchema,
        response: { 200: Type.Object({ enabled: Type.Boolean() }), ...errorResponses },
      },
    },
    async (req) => {
      const { user } = staffOf(req);
      if (user.totp_enabled || !user.totp_secret) throw new KommunechatError('conflict', 'Start the enrolment first.');
      if (!secretKey)
        throw new KommunechatError(
          'service_unavailable',
          'A second factor cannot be enrolled until the operator sets KOMMUNECHAT_SECRET_KEY.',
        );
      const { code } = req.body as { code: string };
      if (!(await acceptTotpCode(user, code))) {
        throw new KommunechatError('bad_request', 'The code does not match; check the clock of your device.');
      }
      await setTotpSecret(db, user.id, user.totp_secret, true);
      await audit(req, { action: 'auth.totp_enabled', outcome: 'allowed', municipalityId: null });
      return { enabled: true };
    },
  );
};
