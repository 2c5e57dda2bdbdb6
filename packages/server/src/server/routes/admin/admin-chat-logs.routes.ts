import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  AuditListSchema,
  AuditQuerySchema,
  ConversationDetailSchema,
  ConversationListQuerySchema,
  ConversationListSchema,
  ConversationParamsSchema,
  KommunechatError,
  SlugParamsSchema,
  type ConversationListQuery,
} from '@kommunechat/protocol';
import { retentionLimits } from '../../../config/load-config.ts';
import { effectiveRetentionDays } from '../../../privacy/retention.policy.ts';
import { listAuditEvents } from '../../../store/audit.repository.ts';
import { findRetainedConversation, listRetainedConversations } from '../../../store/chat-log.repository.ts';
import { listMessages } from '../../../store/message.repository.ts';
import type { Municipality } from '../../../store/municipality.repository.ts';
import {
  presentAuditEvent,
  presentConversationSummary,
  presentLoggedMessage,
} from '../../presenters/admin.presenter.ts';
import { audit, authorize, authorizePlatform, errorResponses } from './admin-access.ts';

const DAY_MS = 86_400_000;

function auditQuery(query: unknown): { limit: number; beforeId: number | undefined } {
  const q = query as { limit?: string; beforeId?: string };
  return { limit: Number(q.limit ?? 100), beforeId: q.beforeId === undefined ? undefined : Number(q.beforeId) };
}

/**
 * Reading masked chat logs (reviewers only) and the audit trail. Every list, search, read and export of a chat log
 * and every view of the audit trail writes an audit event; search words are never recorded.
 */
export const adminChatLogRoutes: FastifyPluginAsync = async (app) => {
  const { config, clock, store } = app.runtime;
  const db = store.db;
  const retainedSince = (m: Municipality) =>
    new Date(clock.now().getTime() - effectiveRetentionDays(m.retentionDays, retentionLimits(config)) * DAY_MS);

  async function readable(req: FastifyRequest, action: 'chatlog.read' | 'chatlog.export') {
    const { slug, id } = req.params as { slug: string; id: string };
    const { municipality, role } = await authorize(req, 'chatlog.read', slug);
    const conversation = await findRetainedConversation(db, municipality.id, id, retainedSince(municipality));
    if (!conversation) {
      // Another municipality's conversation looks exactly like a missing one, and the attempt is on record.
      await audit(req, { action, outcome: 'denied', municipalityId: municipality.id, role, conversationId: id });
      throw new KommunechatError('not_found', 'No such conversation.');
    }
    const messages = await listMessages(db, id);
    await audit(req, { action, outcome: 'allowed', municipalityId: municipality.id, role, conversationId: id });
    return {
      conversation: presentConversationSummary(conversation, messages.length),
      messages: messages.map(presentLoggedMessage),
    };
  }

  app.get(
    '/municipalities/:slug/conversations',
    {
      schema: {
        summary: 'List or search retained conversations (masked)',
        params: SlugParamsSchema,
        querystring: ConversationListQuerySchema,
        response: { 200: ConversationListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { slug } = req.params as { slug: string };
      const query = req.query as ConversationListQuery;
      const { municipality, role } = await authorize(req, 'chatlog.read', slug);
      const { rows, total } = await listRetainedConversations(db, municipality.id, {
        retainedSince: retainedSince(municipality),
        q: query.q?.trim() || undefined,
        from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
        to: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
        offset: Number(query.offset ?? 0),
        limit: Number(query.limit ?? 50),
      });
      await audit(req, {
        action: query.q ? 'chatlog.search' : 'chatlog.list',
        outcome: 'allowed',
        municipalityId: municipality.id,
        role,
      });
      return { conversations: rows.map((r) => presentConversationSummary(r.conversation, r.messageCount)), total };
    },
  );

  app.get(
    '/municipalities/:slug/conversations/:id',
    {
      schema: {
        summary: 'Read one retained conversation (masked)',
        params: ConversationParamsSchema,
        response: { 200: ConversationDetailSchema, ...errorResponses },
      },
    },
    async (req) => readable(req, 'chatlog.read'),
  );

  app.get(
    '/municipalities/:slug/conversations/:id/export',
    {
      schema: {
        summary: 'Export one retained conversation (masked) as JSON',
        params: ConversationParamsSchema,
        response: { 200: ConversationDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const data = await readable(req, 'chatlog.export');
      const { id } = req.params as { id: string };
      void reply.header('content-disposition', `attachment; filename="conversation-${id}.json"`);
      return data;
    },
  );

  app.get(
    '/municipalities/:slug/audit',
    {
      schema: {
        summary: "The municipality's audit trail (viewing it is audited too)",
        params: SlugParamsSchema,
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { slug } = req.params as { slug: string };
      const { limit, beforeId } = auditQuery(req.query);
      const { municipality, role } = await authorize(req, 'audit.read', slug);
      await audit(req, { action: 'audit.read', outcome: 'allowed', municipalityId: municipality.id, role });
      return { events: (await listAuditEvents(db, municipality.id, { limit, beforeId })).map(presentAuditEvent) };
    },
  );

  app.get(
    '/audit',
    {
      schema: {
        summary: 'The whole audit trail (platform admins)',
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { limit, beforeId } = auditQuery(req.query);
      await authorizePlatform(req, 'audit.read');
      await audit(req, { action: 'audit.read', outcome: 'allowed', municipalityId: null, role: 'platform_admin' });
      return { events: (await listAuditEvents(db, null, { limit, beforeId })).map(presentAuditEvent) };
    },
  );
};
