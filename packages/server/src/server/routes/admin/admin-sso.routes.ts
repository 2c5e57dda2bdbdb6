import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  KommunechatError,
  SlugParamsSchema,
  SsoProviderListSchema,
  SsoSettingsBodySchema,
  SsoSettingsResponseSchema,
  Type,
  type SsoSettingsBody,
  type SsoSettingsResponse,
} from '@kommunechat/protocol';
import { secretKeyOf } from '../../../config/load-config.ts';
import { sealSecret } from '../../../privacy/secret-box.ts';
import { findMunicipalityBySlug, type Municipality } from '../../../store/municipality.repository.ts';
import {
  createSsoAttempt,
  findSsoProvider,
  findStaffUserBySsoIdentity,
  linkSsoIdentity,
  listSsoMunicipalities,
  saveSsoProvider,
  takeSsoAttempt,
  type MunicipalitySsoRow,
} from '../../../store/sso.repository.ts';
import { findStaffUserByEmail, isLocked, listRolesOfUser, type StaffUserRow } from '../../../store/staff.repository.ts';
import { endSession, startSession } from '../../plugins/auth.plugin.ts';
import { sha256 } from '../../plugins/staff-credentials.ts';
import { audit, auditSignIn, authorize, errorResponses, signInRateLimit } from './admin-access.ts';
import { clientSecretContext, SingleSignOn, type SsoIdentity } from './single-sign-on.ts';

const API_PREFIX = '/api/v1/admin';
const CALLBACK_PATH = `${API_PREFIX}/auth/sso/callback`;
const STATE_COOKIE = 'kommunechat-sso';
const ATTEMPT_MS = 10 * 60_000;

/** Where the browser lands after the identity provider: the console, told how the sign-in went when it failed. */
function consoleUrl(problem?: 'unavailable' | 'failed' | 'denied'): string {
  return problem ? `/admin/?sso=${problem}#/login` : '/admin/';
}

/**
 * Single sign-on with a municipality's own OpenID Connect provider. Only staff accounts that already exist can
 * sign in this way (no self-registration), only when all their roles are in that municipality (its provider vouches
 * for its own staff, never for a platform admin or for roles elsewhere), and the account is linked to the provider's
 * subject at the first sign-in so a re-used e-mail address cannot take it over later.
 */
export const adminSsoRoutes: FastifyPluginAsync = async (app) => {
  const { config, clock, store } = app.runtime;
  const db = store.db;
  const secretKey = secretKeyOf(config);
  const sso = new SingleSignOn(secretKey);
  const loginLimit = signInRateLimit(app);
  const cookieOptions = {
    httpOnly: true,
    secure: config.adminCookieSecure,
    // Lax, not Strict: the callback is a top-level navigation coming from the identity provider's site.
    sameSite: 'lax',
    path: `${API_PREFIX}/auth/sso`,
  } as const;

  /** The URL of this request as the browser sees it (the public URL when configured: proxies may rewrite). */
  function publicUrlOf(req: FastifyRequest, path = req.url): URL {
    return new URL(path, config.publicUrl || `${req.protocol}://${req.host}`);
  }

  /** Whether the provider of `municipalityId` may sign this account in (see the rules above). */
  async function eligible(user: StaffUserRow, identity: SsoIdentity, municipalityId: string) {
    if (user.sso_subject !== null && (user.sso_issuer !== identity.issuer || user.sso_subject !== identity.subject))
      return false;
    if (user.disabled_at || isLocked(user, clock.now()) || user.platform_admin) return false;
    const roles = await listRolesOfUser(db, user.id);
    return roles.length > 0 && roles.every((r) => r.municipalityId === municipalityId);
  }

  const auditSsoSignIn = (user: StaffUserRow | undefined, municipalityId: string, outcome: 'allowed' | 'denied') =>
    auditSignIn(app.runtime, { user, action: 'auth.sso_login', outcome, municipalityId });

  app.get(
    '/auth/sso',
    {
      config: { auth: 'none' },
      schema: {
        summary: 'The municipalities whose staff can sign in with their own identity provider',
        response: { 200: SsoProviderListSchema },
      },
    },
    async () => ({ providers: await listSsoMunicipalities(db) }),
  );

  app.get(
    '/auth/sso/:slug/start',
    {
      config: { auth: 'none' },
      preHandler: loginLimit,
      schema: {
        summary: "Start signing in with the municipality's identity provider (redirects there)",
        params: SlugParamsSchema,
      },
    },
    async (req, reply) => {
      const m = await findMunicipalityBySlug(db, (req.params as { slug: string }).slug);
      const provider = m && (await findSsoProvider(db, m.id));
      if (!m || !provider?.enabled) return reply.redirect(consoleUrl('unavailable'));
      let started;
      try {
        started = await sso.start(provider, publicUrlOf(req, CALLBACK_PATH).href);
      } catch (err) {
        req.log.warn({ event: 'sso.discovery_failed', municipalityId: m.id, code: (err as { code?: string }).code });
        return reply.redirect(consoleUrl('unavailable'));
      }
      const now = clock.now();
      await createSsoAttempt(
        db,
        {
          stateHash: sha256(started.state),
          municipalityId: m.id,
          codeVerifier: started.codeVerifier,
          nonce: started.nonce,
          expiresAt: new Date(now.getTime() + ATTEMPT_MS),
        },
        now,
      );
      void reply.setCookie(STATE_COOKIE, started.state, { ...cookieOptions, maxAge: ATTEMPT_MS / 1000 });
      return reply.redirect(started.authorizationUrl.href);
    },
  );

  app.get(
    '/auth/sso/callback',
    {
      config: { auth: 'none' },
      preHandler: loginLimit,
      schema: {
        summary: 'Where the identity provider sends the browser back (the redirect URI to register)',
        // Providers add parameters of their own (iss, session_state…): the known ones are bounded, others ignored.
        querystring: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 4096 })),
            state: Type.Optional(Type.String({ maxLength: 512 })),
            error: Type.Optional(Type.String({ maxLength: 256 })),
          },
          { additionalProperties: true },
        ),
      },
    },
    finishSignIn,
  );

  async function finishSignIn(req: FastifyRequest, reply: FastifyReply) {
    const state = req.cookies[STATE_COOKIE];
    void reply.clearCookie(STATE_COOKIE, cookieOptions);
    const now = clock.now();
    const attempt = state ? await takeSsoAttempt(db, sha256(state), now) : undefined;
    const provider = attempt && (await findSsoProvider(db, attempt.municipalityId));
    if (!state || !attempt || !provider?.enabled) return reply.redirect(consoleUrl('failed'));
    let identity: SsoIdentity;
    try {
      identity = await sso.finish(provider, publicUrlOf(req), {
        state,
        codeVerifier: attempt.codeVerifier,
        nonce: attempt.nonce,
      });
    } catch (err) {
      req.log.warn({
        event: 'sso.callback_failed',
        municipalityId: attempt.municipalityId,
        code: (err as { code?: string }).code,
      });
      return reply.redirect(consoleUrl('failed'));
    }
    const user =
      (await findStaffUserBySsoIdentity(db, identity.issuer, identity.subject)) ??
      (identity.email ? await findStaffUserByEmail(db, identity.email) : undefined);
    if (!user || !(await eligible(user, identity, attempt.municipalityId))) {
      await auditSsoSignIn(user, attempt.municipalityId, 'denied');
      return reply.redirect(consoleUrl('denied'));
    }
    if (user.sso_subject === null) await linkSsoIdentity(db, user.id, identity.issuer, identity.subject);
    await endSession(req, reply);
    // The identity provider is responsible for the second factor of its own staff.
    await startSession(req, reply, user.id, false);
    await auditSsoSignIn(user, attempt.municipalityId, 'allowed');
    return reply.redirect(consoleUrl());
  }

  function present(req: FastifyRequest, p: MunicipalitySsoRow | undefined): SsoSettingsResponse {
    return {
      configured: p !== undefined,
      enabled: p?.enabled ?? false,
      issuer: p?.issuer ?? '',
      clientId: p?.client_id ?? '',
      clientSecretSet: (p?.client_secret ?? null) !== null,
      redirectUri: publicUrlOf(req, CALLBACK_PATH).href,
    };
  }

  app.get(
    '/municipalities/:slug/sso',
    {
      schema: {
        summary: "The municipality's single sign-on provider (the client secret is never returned)",
        params: SlugParamsSchema,
        response: { 200: SsoSettingsResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { municipality } = await authorize(req, 'settings.read', (req.params as { slug: string }).slug);
      return present(req, await findSsoProvider(db, municipality.id));
    },
  );

  app.put(
    '/municipalities/:slug/sso',
    {
      schema: {
        summary: "Set the municipality's OpenID Connect provider (checked by fetching its discovery document)",
        params: SlugParamsSchema,
        body: SsoSettingsBodySchema,
        response: { 200: SsoSettingsResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { municipality: m, role } = await authorize(req, 'settings.update', (req.params as { slug: string }).slug);
      const body = req.body as SsoSettingsBody;
      const row = {
        municipality_id: m.id,
        enabled: body.enabled,
        issuer: body.issuer,
        client_id: body.clientId,
        client_secret: await clientSecretOf(m, body),
        updated_at: clock.now(),
      };
      if (row.enabled) await checkProvider(row);
      const saved = await saveSsoProvider(db, row);
      await audit(req, { action: 'sso.update', outcome: 'allowed', municipalityId: m.id, role });
      return present(req, saved);
    },
  );

  /** The sealed secret to store: the new one, none, or (when the body leaves it out) the one stored before. */
  async function clientSecretOf(m: Municipality, body: SsoSettingsBody): Promise<string | null> {
    if (body.clientSecret === undefined) return (await findSsoProvider(db, m.id))?.client_secret ?? null;
    if (body.clientSecret === null) return null;
    if (!secretKey)
      throw new KommunechatError(
        'service_unavailable',
        'A client secret cannot be stored until the operator sets KOMMUNECHAT_SECRET_KEY.',
      );
    return sealSecret(secretKey, body.clientSecret, clientSecretContext(m.id));
  }

  async function checkProvider(row: Omit<MunicipalitySsoRow, 'updated_at'>): Promise<void> {
    try {
      await sso.configurationOf(row);
    } catch {
      throw new KommunechatError(
        'validation_failed',
        `No OpenID Connect discovery document could be read from ${row.issuer} (HTTPS is required except on this machine).`,
      );
    }
  }
};
