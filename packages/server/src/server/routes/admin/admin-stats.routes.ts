import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  KommunechatError,
  OUT_OF_SCOPE,
  SlugParamsSchema,
  StatsQuerySchema,
  StatsResponseSchema,
  Type,
  type StatsResponse,
} from '@kommunechat/protocol';
import type { Municipality } from '../../../store/municipality.repository.ts';
import {
  billingPerMonth,
  countRetainedConversations,
  dailyIntentStats,
  sumIntentStats,
  type LocalPeriod,
} from '../../../store/statistics.repository.ts';
import { audit, authorize, authorizePlatform, errorResponses } from './admin-access.ts';
import { toCsv } from './csv.ts';
import { dailySeries, outsideOpeningHoursShare } from './statistics.ts';
import { TIME_ZONE } from '../../../dialogue/handover.hours.ts';

const MAX_DAYS = 366;
const MonthQuery = Type.Object(
  {
    from: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
    to: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
  },
  { additionalProperties: false },
);
const csvResponse = { 200: Type.String({ description: 'text/csv' }), ...errorResponses };

function period(m: Municipality, q: { from: string; to: string }): LocalPeriod {
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (!(days >= 0 && days < MAX_DAYS))
    throw new KommunechatError('validation_failed', `The period must run forwards and span at most ${MAX_DAYS} days.`);
  return { from: q.from, to: q.to, timeZone: TIME_ZONE[m.country] };
}

function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .serializer((s: string) => s)
    .send(csv);
}

/** Statistics and billing: from the anonymous hourly statistics (kept) and, where marked, the retained chat log. */
export const adminStatsRoutes: FastifyPluginAsync = async (app) => {
  const db = app.runtime.store.db;

  app.get(
    '/municipalities/:slug/stats',
    {
      schema: {
        summary: 'Statistics for a period of local days',
        params: SlugParamsSchema,
        querystring: StatsQuerySchema,
        response: { 200: StatsResponseSchema, ...errorResponses },
      },
    },
    async (req): Promise<StatsResponse> => {
      const { municipality: m } = await authorize(req, 'stats.read', (req.params as { slug: string }).slug);
      const p = period(m, req.query as { from: string; to: string });
      const [
        outcomes,
        perDay,
        perHour,
        topIntents,
        topUnanswered,
        languages,
        conversationsPerDay,
        platforms,
        browsers,
        feedback,
      ] = await Promise.all([
        sumIntentStats(db, m.id, p, 'outcome'),
        sumIntentStats(db, m.id, p, 'day'),
        sumIntentStats(db, m.id, p, 'hour'),
        sumIntentStats(db, m.id, p, 'intent', { outcomes: ['answered'] }),
        sumIntentStats(db, m.id, p, 'intent', { outcomes: ['fallback', 'clarified', 'handover'] }),
        sumIntentStats(db, m.id, p, 'language'),
        countRetainedConversations(db, m.id, p, 'day'),
        countRetainedConversations(db, m.id, p, 'platform'),
        countRetainedConversations(db, m.id, p, 'browser'),
        countRetainedConversations(db, m.id, p, 'helpful'),
      ]);
      const outcome = (k: string) => outcomes.find((o) => o.key === k)?.count ?? 0;
      const yes = feedback.find((f) => f.key === 'true')?.count ?? 0;
      const no = feedback.find((f) => f.key === 'false')?.count ?? 0;
      return {
        from: p.from,
        to: p.to,
        days: dailySeries(p.from, p.to, perDay, conversationsPerDay),
        outcomes: {
          answered: outcome('answered'),
          clarified: outcome('clarified'),
          fallback: outcome('fallback'),
          handover: outcome('handover'),
        },
        topIntents: topIntents.filter((r) => r.key !== OUT_OF_SCOPE).slice(0, 10),
        topUnanswered: topUnanswered.slice(0, 10),
        languages,
        outsideOpeningHoursShare: outsideOpeningHoursShare(perHour, m.contact.openingHours, p.timeZone),
        resolutionRate: yes + no > 0 ? yes / (yes + no) : null,
        platforms,
        browsers,
      };
    },
  );

  app.get(
    '/municipalities/:slug/stats.csv',
    {
      schema: {
        summary: 'Statistics per local day, intent, language, channel and outcome, as CSV',
        params: SlugParamsSchema,
        querystring: StatsQuerySchema,
        response: csvResponse,
      },
    },
    async (req, reply) => {
      const { municipality: m, role } = await authorize(req, 'stats.read', (req.params as { slug: string }).slug);
      const p = period(m, req.query as { from: string; to: string });
      const rows = await dailyIntentStats(db, m.id, p);
      await audit(req, { action: 'stats.export', outcome: 'allowed', municipalityId: m.id, role });
      const csv = toCsv(
        ['date', 'municipality', 'intent', 'language', 'channel', 'outcome', 'count'],
        rows.map((r) => [r.day, m.name, r.intent, r.language, r.channel, r.outcome, Number(r.count)]),
      );
      return sendCsv(reply, `statistics-${m.slug}-${p.from}-${p.to}.csv`, csv);
    },
  );

  app.get(
    '/municipalities/:slug/billing.csv',
    {
      schema: {
        summary: "Answered intents per month (billing), this municipality's",
        params: SlugParamsSchema,
        querystring: MonthQuery,
        response: csvResponse,
      },
    },
    async (req, reply) => {
      const { municipality: m, role } = await authorize(req, 'billing.read', (req.params as { slug: string }).slug);
      const q = req.query as { from: string; to: string };
      const rows = await billingPerMonth(db, { municipalityId: m.id, fromMonth: q.from, toMonth: q.to });
      await audit(req, { action: 'billing.export', outcome: 'allowed', municipalityId: m.id, role });
      return sendCsv(
        reply,
        `billing-${m.slug}-${q.from}-${q.to}.csv`,
        toCsv(
          ['month', 'municipality', 'name', 'answered'],
          rows.map((r) => [r.month, r.slug, r.name, r.answered]),
        ),
      );
    },
  );

  app.get(
    '/billing.csv',
    {
      schema: {
        summary: 'Answered intents per municipality per month (platform admins)',
        querystring: MonthQuery,
        response: csvResponse,
      },
    },
    async (req, reply) => {
      await authorizePlatform(req, 'billing.read');
      const q = req.query as { from: string; to: string };
      const rows = await billingPerMonth(db, { fromMonth: q.from, toMonth: q.to });
      await audit(req, { action: 'billing.export', outcome: 'allowed', municipalityId: null, role: 'platform_admin' });
      return sendCsv(
        reply,
        `billing-${q.from}-${q.to}.csv`,
        toCsv(
          ['month', 'municipality', 'name', 'answered'],
          rows.map((r) => [r.month, r.slug, r.name, r.answered]),
        ),
      );
    },
  );
};
