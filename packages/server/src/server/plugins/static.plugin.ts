import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

const PACKAGES = fileURLToPath(new URL('../../../../', import.meta.url));
export const WIDGET_DIST = resolve(PACKAGES, 'widget/dist');
export const ADMIN_DIST = resolve(PACKAGES, 'admin/dist');

/** Serves the built widget (embeddable from any allowed site) and the admin console. */
export const staticPlugin = fp(
  async (app) => {
    for (const dir of [WIDGET_DIST, ADMIN_DIST]) {
      if (!existsSync(dir))
        app.log.warn({ event: 'bundle_missing', dir }, 'a front-end bundle is missing: run `npm run build`');
    }
    await app.register(fastifyStatic, {
      root: WIDGET_DIST,
      prefix: '/widget/',
      decorateReply: true,
      index: false,
      wildcard: false,
    });
    app.get('/widget.js', { schema: { hide: true } }, async (_req, reply) => {
      reply.header('cross-origin-resource-policy', 'cross-origin');
      reply.header('cache-control', 'public, max-age=300');
      return reply.sendFile('widget.js', WIDGET_DIST);
    });
    await app.register(
      async (admin) => {
        await admin.register(fastifyStatic, { root: ADMIN_DIST, decorateReply: false, index: ['index.html'] });
      },
      { prefix: '/admin' },
    );
    app.get('/admin', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/admin/'));
  },
  { name: 'kommunechat-static' },
);
