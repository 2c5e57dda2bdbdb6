import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  AnswerFeedbackBodySchema,
  ConversationExportSchema,
  DeleteReceiptSchema,
  EndConversationBodySchema,
  KommunechatError,
  SendMessageBodySchema,
  SendMessageResponseSchema,
  SlugSchema,
  StartConversationBodySchema,
  StartConversationResponseSchema,
  Type,
  type EndConversationBody,
  type SendMessageBody,
  type StartConversationBody,
} from '@kommunechat/protocol';
import {
  exportAsText,
  exportConversation,
  finishConversation,
  forgetConversation,
  rateAnswer,
  sendMessage,
  startConversation,
} from '../../dialogue/conversation.service.ts';

const ConversationParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const errors = {
  400: { $ref: 'ErrorBody#' },
  401: { $ref: 'ErrorBody#' },
  404: { $ref: 'ErrorBody#' },
  429: { $ref: 'ErrorBody#' },
};
const security = [{ conversationToken: [] }];

/** The conversation token from `Authorization: Bearer …` (never from the URL, where it would reach logs and history). */
function bearer(req: FastifyRequest): string {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.headers.authorization ?? '');
  if (!match)
    throw new KommunechatError('unauthorized', 'Send the conversation token as "Authorization: Bearer <token>".');
  return match[1] as string;
}

/** The public chat API: start, message, end with feedback, export and delete. */
export const chatRoutes: FastifyPluginAsync = async (app) => {
  const deps = () => app.runtime.conversations;
  // A second limit next to the global per-IP one: createRateLimit only counts, so both apply to these routes.
  const conversationLimit = app.createRateLimit({
    max: app.runtime.config.rateLimitPerConversationPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `conversation:${(req.params as { id: string }).id}`,
  });
  const perConversation = async (req: FastifyRequest, reply: FastifyReply) => {
    const limit = await conversationLimit(req);
    if (!limit.isAllowed && limit.isExceeded) {
      void reply.header('retry-after', String(limit.ttlInSeconds));
      throw new KommunechatError('rate_limited', 'Too many messages in this conversation; please wait a moment.');
    }
  };

  app.post(
    '/municipalities/:slug/conversations',
    {
      schema: {
        summary: 'Start a conversation (returns the conversation token once)',
        params: Type.Object({ slug: SlugSchema }, { additionalProperties: false }),
        body: Type.Optional(StartConversationBodySchema),
        response: { 201: StartConversationResponseSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { slug } = req.params as { slug: string };
      const body = (req.body ?? {}) as StartConversationBody;
      const started = await startConversation(deps(), {
        slug,
        language: body.language,
        channel: body.channel,
        userAgent: req.headers['user-agent'],
      });
      req.log.info({ event: 'conversation_started', conversationId: started.conversationId });
      return reply.code(201).send(started);
    },
  );

  app.post(
    '/conversations/:id/messages',
    {
      preHandler: perConversation,
      schema: {
        summary: 'Send a citizen message and get the reply',
        security,
        params: ConversationParams,
        body: SendMessageBodySchema,
        response: { 200: SendMessageResponseSchema, 409: { $ref: 'ErrorBody#' }, ...errors },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = req.body as SendMessageBody;
      return sendMessage(deps(), id, bearer(req), {
        text: body.text,
        quickReply: body.quickReply,
        clientMessageId: body.clientMessageId,
      });
    },
  );

  app.post(
    '/conversations/:id/end',
    {
      schema: {
        summary: 'End the conversation, with optional feedback overall and per answer',
        security,
        params: ConversationParams,
        body: Type.Optional(EndConversationBodySchema),
        response: { 200: Type.Object({ ended: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      return finishConversation(deps(), id, bearer(req), (req.body ?? {}) as EndConversationBody);
    },
  );

  app.post(
    '/conversations/:id/messages/:messageId/feedback',
    {
      preHandler: perConversation,
      schema: {
        summary: 'Was this answer helpful?',
        security,
        params: Type.Object(
          { id: Type.String({ format: 'uuid' }), messageId: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) },
          { additionalProperties: false },
        ),
        body: AnswerFeedbackBodySchema,
        response: { 200: Type.Object({ rated: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      const { id, messageId } = req.params as { id: string; messageId: string };
      return rateAnswer(deps(), id, bearer(req), Number(messageId), (req.body as { helpful: boolean }).helpful);
    },
  );

  app.get(
    '/conversations/:id/export',
    {
      schema: {
        summary: 'Download the stored conversation (JSON or readable text)',
        security,
        params: ConversationParams,
        querystring: Type.Object(
          { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('txt')])) },
          { additionalProperties: false },
        ),
        response: { 200: ConversationExportSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const { format = 'json' } = req.query as { format?: 'json' | 'txt' };
      const data = await exportConversation(deps(), id, bearer(req));
      void reply.header('cache-control', 'no-store');
      if (format === 'txt') {
        return reply
          .type('text/plain; charset=utf-8')
          .header('content-disposition', `attachment; filename="conversation-${id}.txt"`)
          .serializer((s: string) => s)
          .send(exportAsText(data));
      }
      return reply.header('content-disposition', `attachment; filename="conversation-${id}.json"`).send(data);
    },
  );

  app.delete(
    '/conversations/:id',
    {
      schema: {
        summary: 'Delete the conversation and every message, at once and for good',
        security,
        params: ConversationParams,
        response: { 200: DeleteReceiptSchema, ...errors },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const receipt = await forgetConversation(deps(), id, bearer(req));
      req.log.info({ event: 'conversation_deleted', conversationId: id });
      return receipt;
    },
  );
};
