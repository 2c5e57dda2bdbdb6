import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@kommunechat/protocol';

const StatusSchema = Type.Object({ status: Type.String() });

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { summary: 'The process is up', response: { 200: StatusSchema } } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { schema: { summary: 'The database answers', response: { 200: StatusSchema, 503: StatusSchema } } },
    async (_req, reply) => {
      const ok = await app.runtime.store.ping();
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unavailable' });
    },
  );
};
