import type { FastifyPluginAsync } from 'fastify';
import {
  IdStringSchema,
  KommunechatError,
  ModelStatusSchema,
  OUT_OF_SCOPE,
  RetrainResponseSchema,
  SlugParamsSchema,
  TrainingPhraseListSchema,
  Type,
  WorklistDecisionBodySchema,
  WorklistParamsSchema,
  WorklistSchema,
  type WorklistDecisionBody,
} from '@kommunechat/protocol';
import { retentionLimits } from '../../../config/load-config.ts';
import { effectiveRetentionDays } from '../../../privacy/retention.policy.ts';
import {
  addTrainingPhrase,
  deleteTrainingPhrase,
  findWorklistMessage,
  listTrainingPhrases,
  listWorklist,
  recordDecision,
} from '../../../store/learning.repository.ts';
import type { Municipality } from '../../../store/municipality.repository.ts';
import { audit, authorize, authorizePlatform, errorResponses } from './admin-access.ts';
import { ModelRetrainer } from './model.retrainer.ts';
import { groupBySimilarity } from './worklist.grouping.ts';

const DAY_MS = 86_400_000;

/**
 * The learning loop: a worklist of citizen messages the bot handled badly (masked, audited like chat logs),
 * reviewers' decisions on them, the resulting training phrases, and background retraining.
 */
export const adminLearningRoutes: FastifyPluginAsync = async (app) => {
  const { config, clock, store, conversations } = app.runtime;
  const db = store.db;
  const retainedSince = (m: Municipality) =>
    new Date(clock.now().getTime() - effectiveRetentionDays(m.retentionDays, retentionLimits(config)) * DAY_MS);
  const retrainer = new ModelRetrainer(
    (model) => {
      conversations.nlu = model;
      app.log.info({ event: 'nlu_published', intents: model.intents.length });
    },
    // The error's name only: a message could quote a training phrase (masked citizen text).
    (err) => app.log.error({ event: 'nlu_retrain_failed', error: err.name }),
  );
  // A run under way is stopped rather than awaited: it takes longer than the shutdown timeout.
  app.addHook('onClose', async () => {
    await retrainer.close();
  });

  app.get(
    '/municipalities/:slug/worklist',
    {
      schema: {
        summary: 'Messages the bot did not handle well, grouped by similarity (masked)',
        params: SlugParamsSchema,
        response: { 200: WorklistSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { municipality: m, role } = await authorize(req, 'worklist.work', (req.params as { slug: string }).slug);
      const items = await listWorklist(db, m.id, {
        retainedSince: retainedSince(m),
        lowConfidence: config.answerThresholdPercent / 100,
        limit: 200,
      });
      await audit(req, { action: 'worklist.read', outcome: 'allowed', municipalityId: m.id, role });
      const groups = groupBySimilarity(items, (i) => i.text).map((g) => ({
        label: g.label,
        items: g.items.map((i) => ({ ...i, at: i.at.toISOString() })),
      }));
      return { groups, total: items.length };
    },
  );

  app.post(
    '/municipalities/:slug/worklist/:messageId',
    {
      schema: {
        summary:
          'Decide on a worklist item: assign to an intent, propose for the shared base, out of scope, or dismiss',
        params: WorklistParamsSchema,
        body: WorklistDecisionBodySchema,
        response: { 200: Type.Object({ decided: Type.Boolean() }), ...errorResponses },
      },
    },
    async (req) => {
      const { slug } = req.params as { slug: string };
      const messageId = Number((req.params as { messageId: string }).messageId);
      const body = req.body as WorklistDecisionBody;
      const { municipality: m, role } = await authorize(req, 'worklist.work', slug);
      const message = await findWorklistMessage(db, m.id, messageId, retainedSince(m));
      if (!message) {
        await audit(req, { action: 'worklist.decide', outcome: 'denied', municipalityId: m.id, role });
        throw new KommunechatError('not_found', 'No such message.');
      }
      if (
        (body.action === 'assign' || body.action === 'propose') &&
        !(body.intent && conversations.base.intents.has(body.intent))
      ) {
        throw new KommunechatError('validation_failed', 'Choose an intent of the answer base.');
      }
      const now = clock.now();
      const decided = await db.transaction().execute(async (trx) => {
        if (!(await recordDecision(trx, messageId, body.action, now))) return false;
        if (body.action !== 'dismiss') {
          await addTrainingPhrase(trx, {
            municipalityId: m.id,
            intent: body.action === 'out_of_scope' ? OUT_OF_SCOPE : body.intent!,
            language: message.language,
            text: message.text,
            status: body.action === 'propose' ? 'proposed' : 'active',
            at: now,
          });
        }
        return true;
      });
      if (!decided) throw new KommunechatError('conflict', 'Someone already decided on this message.');
      await audit(req, {
        action: 'worklist.decide',
        outcome: 'allowed',
        municipalityId: m.id,
        role,
        conversationId: message.conversation_id,
      });
      return { decided: true };
    },
  );

  app.get(
    '/municipalities/:slug/training-phrases',
    {
      schema: {
        summary: "The municipality's training phrases and proposals",
        params: SlugParamsSchema,
        response: { 200: TrainingPhraseListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { municipality: m } = await authorize(req, 'training.manage', (req.params as { slug: string }).slug);
      const phrases = await listTrainingPhrases(db, { municipalityId: m.id });
      return {
        phrases: phrases.map((p) => ({
          id: p.id,
          intent: p.intent,
          language: p.language,
          text: p.text,
          status: p.status,
          at: new Date(p.created_at).toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/municipalities/:slug/training-phrases/:id',
    {
      schema: {
        summary: 'Remove a training phrase',
        params: Type.Object(
          { slug: SlugParamsSchema.properties.slug, id: IdStringSchema },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses },
      },
    },
    async (req) => {
      const { slug, id } = req.params as { slug: string; id: string };
      const { municipality: m, role } = await authorize(req, 'training.manage', slug);
      const deleted = await deleteTrainingPhrase(db, m.id, Number(id));
      if (!deleted) throw new KommunechatError('not_found', 'No such training phrase.');
      await audit(req, { action: 'training.delete', outcome: 'allowed', municipalityId: m.id, role });
      return { deleted };
    },
  );

  // The model is shared by all municipalities, so retraining is a platform action.
  app.post(
    '/model/retrain',
    {
      schema: {
        summary: 'Retrain the NLU with the active training phrases, in the background',
        response: { 202: RetrainResponseSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      await authorizePlatform(req, 'model.retrain');
      const phrases = (await listTrainingPhrases(db, { status: 'active' })).map((p) => ({
        text: p.text,
        intent: p.intent,
        lang: p.language,
      }));
      const started = retrainer.start(conversations.base, phrases, () => clock.now());
      if (started)
        await audit(req, { action: 'model.retrain', outcome: 'allowed', municipalityId: null, role: 'platform_admin' });
      return reply.code(202).send({ status: started ? 'started' : 'running' });
    },
  );

  app.get(
    '/model',
    {
      schema: {
        summary: 'Whether retraining runs, and how the last run went',
        response: { 200: ModelStatusSchema, ...errorResponses },
      },
    },
    async (req) => {
      await authorizePlatform(req, 'model.read');
      const last = retrainer.last;
      return { running: retrainer.running, last: last ? { ...last, at: last.at.toISOString() } : null };
    },
  );
};
