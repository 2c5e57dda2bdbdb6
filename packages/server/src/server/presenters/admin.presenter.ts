import type { Static } from '@sinclair/typebox';
import type {
  AuditEventSchema,
  ConversationSummarySchema,
  LoggedMessageSchema,
  MemberSchema,
  MunicipalityRef,
  OverrideSchema,
  StaffRole,
  StaffUser,
} from '@kommunechat/protocol';
import { isOverrideInEffect, type AnswerOverride } from '../../content/answer.resolver.ts';
import type { AuditEventRow } from '../../store/audit.repository.ts';
import type { StaffUserRow } from '../../store/staff.repository.ts';
import type { Municipality } from '../../store/municipality.repository.ts';
import type { ConversationRow, MessageRow } from '../../store/schema.ts';

// Staff-facing JSON shapes. Nothing leaves unless listed here: never a password hash, TOTP secret or session hash.

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentMunicipalityRef(m: Pick<Municipality, 'id' | 'slug' | 'name' | 'country'>): MunicipalityRef {
  return { id: m.id, slug: m.slug, name: m.name, country: m.country };
}

export function presentStaffUser(
  user: StaffUserRow,
  memberships: { municipality: Municipality; roles: StaffRole[] }[],
): StaffUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    platformAdmin: user.platform_admin,
    totpEnabled: user.totp_enabled,
    memberships: memberships.map((m) => ({ municipality: presentMunicipalityRef(m.municipality), roles: m.roles })),
  };
}

export function presentMember(user: StaffUserRow, roles: StaffRole[]): Static<typeof MemberSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles,
    active: user.disabled_at === null && user.password_hash !== null,
  };
}

export function presentConversationSummary(
  c: ConversationRow,
  messageCount: number,
): Static<typeof ConversationSummarySchema> {
  return {
    id: c.id,
    startedAt: iso(c.started_at),
    lastActivityAt: iso(c.last_activity_at),
    language: c.language,
    channel: c.channel,
    platform: c.platform,
    browser: c.browser,
    browserVersion: c.browser_version,
    helpful: c.helpful,
    messageCount,
  };
}

export function presentLoggedMessage(m: MessageRow): Static<typeof LoggedMessageSchema> {
  return {
    id: Number(m.id),
    role: m.role,
    text: m.text,
    intent: m.intent,
    confidence: m.confidence,
    outcome: m.outcome,
    helpful: m.helpful,
    at: iso(m.created_at),
  };
}

export function presentAuditEvent(e: AuditEventRow): Static<typeof AuditEventSchema> {
  return {
    id: Number(e.id),
    at: iso(e.at),
    actorId: e.actor_id,
    actorEmail: e.actor_email,
    actorRole: e.actor_role,
    municipalityId: e.municipality_id,
    conversationId: e.conversation_id,
    action: e.action,
    outcome: e.outcome,
  };
}

/** A municipality's own answer with its validity period and whether citizens get it at `now`. */
export function presentAnswerOverride(o: AnswerOverride, now: Date): Static<typeof OverrideSchema> {
  return {
    mode: o.mode,
    text: o.text,
    validFrom: o.validFrom ? iso(o.validFrom) : null,
    validTo: o.validTo ? iso(o.validTo) : null,
    inEffect: isOverrideInEffect(o, now),
  };
}
