import fp from 'fastify-plugin';
import cors from '@fastify/cors';

/**
 * CORS for the public chat API, following each municipality's allowed website origins: the routes of one
 * municipality (/municipalities/:slug/…) allow its origins; the conversation routes, protected by the token,
 * allow the origins of any municipality. No credentials (the widget uses no cookies).
 */
export const corsPlugin = fp(
  async (app) => {
    await app.register(cors, {
      hook: 'preHandler',
      delegator: (req, callback) => {
        const origin = req.headers.origin;
        // The admin API is same-origin only: no website may call it from a browser.
        if (!origin || !req.url.startsWith('/api/v1/') || req.url.startsWith('/api/v1/admin'))
          return callback(null, { origin: false });
        const slug = /^\/api\/v1\/municipalities\/([a-z0-9-]+)/.exec(req.url)?.[1];
        app.runtime.conversations.municipalities.allowsOrigin(origin, slug).then(
          (allowed) => {
            callback(null, {
              origin: allowed ? origin : false,
              methods: ['GET', 'POST', 'DELETE'],
              allowedHeaders: ['Content-Type', 'Authorization'],
              maxAge: 600,
            });
          },
          (err: Error) => callback(err),
        );
      },
    });
  },
  { name: 'kommunechat-cors' },
);
