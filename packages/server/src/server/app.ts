import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import { ErrorBodySchema, LIMITS } from '@kommunechat/protocol';
import type { Runtime } from '../runtime.ts';
import { errorsPlugin } from './plugins/errors.plugin.ts';
import { securityPlugin } from './plugins/security.plugin.ts';
import { SafeLogController } from './logger.ts';
import { staticPlugin } from './plugins/static.plugin.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { municipalityRoutes } from './routes/municipality.routes.ts';
import { chatRoutes } from './routes/chat.routes.ts';
import { rateLimitPlugin } from './plugins/rate-limit.plugin.ts';
import { corsPlugin } from './plugins/cors.plugin.ts';
import { demoRoutes } from './routes/demo.routes.ts';
import { adminRoutes } from './routes/admin/admin.routes.ts';
import { websocketPlugin } from './plugins/websocket.plugin.ts';
import { handoverRoutes } from './routes/handover.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    runtime: Runtime;
  }
}

/** The HTTP application, with the pino logger type of the runtime. */
export type App = Awaited<ReturnType<typeof buildApp>>;

/** Builds the HTTP application without listening, so tests can use `inject()` and `listen()` stays in the CLI. */
export async function buildApp(runtime: Runtime) {
  const { config } = runtime;
  const app = Fastify({
    loggerInstance: runtime.logger,
    logController: new SafeLogController(),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: Math.min(config.bodyLimitBytes, Math.max(LIMITS.bodyMaxBytes, config.bodyLimitBytes)),
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  app.decorate('runtime', runtime);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addSchema(ErrorBodySchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'kommunechat API', version: '1', description: 'Public chat API and admin API of kommunechat.' },
      components: { securitySchemes: { conversationToken: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(rateLimitPlugin);
  await app.register(corsPlugin);
  await app.register(websocketPlugin);
  await app.register(healthRoutes);
  await app.register(municipalityRoutes, { prefix: '/api/v1' });
  await app.register(chatRoutes, { prefix: '/api/v1' });
  await app.register(adminRoutes, { prefix: '/api/v1/admin' });
  await app.register(handoverRoutes, { prefix: '/api/v1' });
  await app.register(staticPlugin);
  await app.register(demoRoutes);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/demo/'));

  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
