import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { KommunechatError, type StaffRole } from '@kommunechat/protocol';
import {
  createSession,
  deleteSession,
  findStaffUserById,
  listRolesOfUser,
  touchSession,
  type StaffUserRow,
} from '../../store/staff.repository.ts';
import type { Actor } from '../policies/staff.policy.ts';
import { csrfTokenOf, newSecretToken, safeEqual, sha256 } from './staff-credentials.ts';

/** The signed-in staff member of a request. */
export interface StaffContext {
  user: StaffUserRow;
  actor: Actor;
  /** the raw session id from the cookie: kept in memory for this request only, to derive the CSRF token */
  sessionId: string;
  mfaPending: boolean;
}

/**
 * How a route is reached: `none` (login, invitations), `mfa` (the second login step: a session whose second factor
 * is still missing is enough) or, by default, a full session.
 */
export type AuthLevel = 'none' | 'mfa' | 'session';

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffContext | null;
  }
  interface FastifyContextConfig {
    auth?: AuthLevel;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieName(secure: boolean): string {
  // __Host- binds the cookie to this exact origin (Secure, Path=/, no Domain); browsers refuse it over plain HTTP.
  return secure ? '__Host-kommunechat-admin' : 'kommunechat-admin';
}

function unauthorized(): KommunechatError {
  return new KommunechatError('unauthorized', 'Please sign in.');
}

export async function loadActor(db: Parameters<typeof listRolesOfUser>[0], user: StaffUserRow): Promise<Actor> {
  const roles = new Map<string, StaffRole[]>();
  for (const g of await listRolesOfUser(db, user.id))
    roles.set(g.municipalityId, [...(roles.get(g.municipalityId) ?? []), g.role]);
  return { platformAdmin: user.platform_admin, roles };
}

/**
 * Staff sessions for the admin API: an opaque random id in an HttpOnly, SameSite=Strict (and normally Secure,
 * __Host-) cookie, stored only as its hash, with idle and absolute timeouts; CSRF protection on every
 * state-changing request. Register it inside the admin scope only: the public chat API uses no cookies.
 */
export const authPlugin = fp(
  async (app) => {
    const { config } = app.runtime;
    const db = app.runtime.store.db;
    const clock = app.runtime.clock;
    const cookieName = sessionCookieName(config.adminCookieSecure);
    await app.register(cookie);
    app.decorateRequest('staff', null);

    app.addHook('preHandler', async (req) => {
      const level: AuthLevel = req.routeOptions.config.auth ?? 'session';
      if (level === 'none') return;
      const sessionId = req.cookies[cookieName];
      if (!sessionId || !/^[A-Za-z0-9_-]{40,60}$/.test(sessionId)) throw unauthorized();
      const session = await touchSession(db, sha256(sessionId), {
        now: clock.now(),
        idleMs: config.adminSessionIdleMinutes * 60_000,
      });
      if (!session || (session.mfa_pending && level !== 'mfa')) throw unauthorized();
      const user = await findStaffUserById(db, session.user_id);
      if (!user || user.disabled_at) throw unauthorized();
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenOf(sessionId))) {
          throw new KommunechatError('forbidden', 'Missing or wrong X-CSRF-Token header.');
        }
      }
      req.staff = { user, actor: await loadActor(db, user), sessionId, mfaPending: session.mfa_pending };
    });

    app.addHook('onSend', async (_req, reply) => {
      // Nothing the admin API returns may be kept by a shared cache or the browser's history.
      reply.header('cache-control', 'no-store');
    });
  },
  { name: 'kommunechat-auth', dependencies: ['kommunechat-errors'] },
);

/** Starts a new session (always a fresh id: never one chosen by the client) and sets its cookie. */
export async function startSession(
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  mfaPending: boolean,
): Promise<{ csrfToken: string }> {
  const { config, clock, store } = req.server.runtime;
  const sessionId = newSecretToken();
  const now = clock.now();
  await createSession(store.db, {
    idHash: sha256(sessionId),
    userId,
    mfaPending,
    now,
    expiresAt: new Date(now.getTime() + config.adminSessionAbsoluteHours * 3_600_000),
  });
  void reply.setCookie(sessionCookieName(config.adminCookieSecure), sessionId, {
    httpOnly: true,
    secure: config.adminCookieSecure,
    sameSite: 'strict',
    path: '/',
  });
  return { csrfToken: csrfTokenOf(sessionId) };
}

/** Ends the session of the request on the server (the id stops working at once) and clears the cookie. */
export async function endSession(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { config, store } = req.server.runtime;
  const name = sessionCookieName(config.adminCookieSecure);
  const sessionId = req.cookies[name];
  if (sessionId) await deleteSession(store.db, sha256(sessionId));
  void reply.clearCookie(name, { httpOnly: true, secure: config.adminCookieSecure, sameSite: 'strict', path: '/' });
}
