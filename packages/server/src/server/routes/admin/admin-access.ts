import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KommunechatError } from '@kommunechat/protocol';
import { appendAuditEvent } from '../../../store/audit.repository.ts';
import { findMunicipalityBySlug, type Municipality } from '../../../store/municipality.repository.ts';
import { decide, type Action } from '../../policies/staff.policy.ts';
import type { Runtime } from '../../../runtime.ts';
import type { StaffUserRow } from '../../../store/staff.repository.ts';
import type { StaffContext } from '../../plugins/auth.plugin.ts';

/** The staff member of a request that passed the auth plugin. */
export function staffOf(req: FastifyRequest): StaffContext {
  if (!req.staff) throw new KommunechatError('unauthorized', 'Please sign in.');
  return req.staff;
}

/** Writes one audit event for the request's staff member (no message content, ever). */
export async function audit(
  req: FastifyRequest,
  e: {
    action: string;
    outcome: 'allowed' | 'denied';
    municipalityId: string | null;
    role?: string | null;
    conversationId?: string | null;
  },
): Promise<void> {
  const staff = req.staff;
  await appendAuditEvent(req.server.runtime.store.db, {
    at: req.server.runtime.clock.now(),
    actorId: staff?.user.id ?? null,
    actorEmail: staff?.user.email ?? null,
    actorRole: e.role ?? null,
    municipalityId: e.municipalityId,
    conversationId: e.conversationId ?? null,
    action: e.action,
    outcome: e.outcome,
  });
  req.log.info({
    event: 'audit',
    action: e.action,
    outcome: e.outcome,
    municipalityId: e.municipalityId,
    conversationId: e.conversationId ?? undefined,
  });
}

/** The limit of every sign-in route (password, second factor, invitation, single sign-on), per client IP in memory. */
export function signInRateLimit(app: FastifyInstance) {
  return app.rateLimit({
    max: app.runtime.config.adminLoginRateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `admin-login:${req.ip}`,
  });
}

/**
 * One audit line of a sign-in step by `user`, who has no session yet (so not `audit`): the whole platform's
 * sign-ins have no municipality, a municipality's single sign-on has its own.
 */
export async function auditSignIn(
  runtime: Pick<Runtime, 'store' | 'clock'>,
  e: {
    user: Pick<StaffUserRow, 'id' | 'email'> | undefined;
    action: string;
    outcome: 'allowed' | 'denied';
    municipalityId: string | null;
  },
): Promise<void> {
  await appendAuditEvent(runtime.store.db, {
    at: runtime.clock.now(),
    actorId: e.user?.id ?? null,
    actorEmail: e.user?.email ?? null,
    actorRole: null,
    municipalityId: e.municipalityId,
    action: e.action,
    outcome: e.outcome,
  });
}

export interface Authorized {
  municipality: Municipality;
  /** the role that granted the action (or platform_admin), recorded in the audit trail */
  role: string;
}

/**
 * Applies the policy for `action` in the municipality `slug`. A municipality the staff member has nothing to do with
 * answers 404 exactly like one that does not exist; a member without the right role gets 403. Both are audited.
 */
export async function authorize(req: FastifyRequest, action: Action, slug: string): Promise<Authorized> {
  const staff = staffOf(req);
  const municipality = await findMunicipalityBySlug(req.server.runtime.store.db, slug);
  const decision = municipality ? decide(staff.actor, action, municipality.id) : ({ outcome: 'hidden' } as const);
  if (decision.outcome === 'allowed') return { municipality: municipality!, role: decision.role };
  await audit(req, { action, outcome: 'denied', municipalityId: municipality?.id ?? null });
  if (decision.outcome === 'forbidden') throw new KommunechatError('forbidden', 'Your role does not allow this.');
  throw new KommunechatError('not_found', 'No such municipality.');
}

/** A platform-wide action (all municipalities): platform admins only; others get 404 and an audit event. */
export async function authorizePlatform(req: FastifyRequest, action: string): Promise<void> {
  if (staffOf(req).actor.platformAdmin) return;
  await audit(req, { action, outcome: 'denied', municipalityId: null });
  throw new KommunechatError('not_found', 'No such resource.');
}

export const errorResponses = {
  400: { $ref: 'ErrorBody#' },
  401: { $ref: 'ErrorBody#' },
  403: { $ref: 'ErrorBody#' },
  404: { $ref: 'ErrorBody#' },
  409: { $ref: 'ErrorBody#' },
  429: { $ref: 'ErrorBody#' },
} as const;
