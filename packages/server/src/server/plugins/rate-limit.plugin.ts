import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';

/**
 * Rate limits kept in this process's memory only: per client IP on every route, and per conversation on the
 * message routes (`app.rateLimit`). The IP address is a key in memory, never stored or logged.
 */
export const rateLimitPlugin = fp(
  async (app) => {
    await app.register(rateLimit, {
      global: true,
      max: app.runtime.config.rateLimitPerIpPerMinute,
      timeWindow: 60_000,
      cache: 10_000,
      // req.ip honours X-Forwarded-For only from the configured trusted proxies (Fastify's trustProxy).
      keyGenerator: (req) => req.ip,
      allowList: (req) => req.url === '/healthz' || req.url === '/readyz',
    });
  },
  { name: 'kommunechat-rate-limit', dependencies: ['kommunechat-errors'] },
);
