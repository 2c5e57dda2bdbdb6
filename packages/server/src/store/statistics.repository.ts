import { sql, type RawBuilder } from 'kysely';
import type { Db } from './schema.ts';

/** A period of local calendar days, inclusive, in a municipality's time zone. */
export interface LocalPeriod {
  from: string;
  to: string;
  timeZone: string;
}

const start = (p: LocalPeriod): RawBuilder<Date> => sql<Date>`(${p.from}::date::timestamp at time zone ${p.timeZone})`;
const end = (p: LocalPeriod): RawBuilder<Date> =>
  sql<Date>`((${p.to}::date + 1)::timestamp at time zone ${p.timeZone})`;
const localDay = (column: RawBuilder<unknown>, p: LocalPeriod) =>
  sql<string>`to_char(${column} at time zone ${p.timeZone}, 'YYYY-MM-DD')`;

export interface CountRow {
  key: string;
  count: number;
}

/** Sums of the anonymous hourly statistics in the period, grouped by one of their columns or the local day. */
export async function sumIntentStats(
  db: Db,
  municipalityId: string,
  p: LocalPeriod,
  by: 'outcome' | 'intent' | 'language' | 'day' | 'hour',
  where: { outcomes?: readonly string[]; excludeIntents?: readonly string[] } = {},
): Promise<CountRow[]> {
  const key =
    by === 'day'
      ? localDay(sql.ref('hour'), p)
      : by === 'hour'
        ? sql<string>`to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"')`
        : sql<string>`${sql.ref(by)}`;
  let q = db
    .selectFrom('intent_stat')
    .select([key.as('key'), sql<number>`sum(count)::int`.as('count')])
    .where('municipality_id', '=', municipalityId)
    .where('hour', '>=', start(p))
    .where('hour', '<', end(p));
  if (where.outcomes) q = q.where('outcome', 'in', where.outcomes as never[]);
  if (where.excludeIntents?.length) q = q.where('intent', 'not in', where.excludeIntents as string[]);
  const rows = await q
    .groupBy(sql`1`)
    .orderBy(sql`2 desc`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Every hourly statistics row of the period, by local day (for CSV export). */
export async function dailyIntentStats(db: Db, municipalityId: string, p: LocalPeriod) {
  return db
    .selectFrom('intent_stat')
    .select([
      localDay(sql.ref('hour'), p).as('day'),
      'intent',
      'language',
      'channel',
      'outcome',
      sql<number>`sum(count)::int`.as('count'),
    ])
    .where('municipality_id', '=', municipalityId)
    .where('hour', '>=', start(p))
    .where('hour', '<', end(p))
    .groupBy([sql`1`, 'intent', 'language', 'channel', 'outcome'])
    .orderBy(sql`1`)
    .orderBy('intent')
    .orderBy('language')
    .orderBy('channel')
    .orderBy('outcome')
    .execute();
}

/** Counts over the conversations still retained that started in the period: per day, platform, browser, feedback. */
export async function countRetainedConversations(
  db: Db,
  municipalityId: string,
  p: LocalPeriod,
  by: 'day' | 'platform' | 'browser' | 'helpful',
): Promise<CountRow[]> {
  const key =
    by === 'day' ? localDay(sql.ref('started_at'), p) : sql<string>`coalesce(${sql.ref(by)}::text, 'unknown')`;
  const rows = await db
    .selectFrom('conversation')
    .select([key.as('key'), sql<number>`count(*)::int`.as('count')])
    .where('municipality_id', '=', municipalityId)
    .where('started_at', '>=', start(p))
    .where('started_at', '<', end(p))
    .groupBy(sql`1`)
    .orderBy(sql`2 desc`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Answered intents per municipality and calendar month (UTC), for billing; all municipalities unless one is given. */
export async function billingPerMonth(
  db: Db,
  options: { municipalityId?: string; fromMonth: string; toMonth: string },
) {
  let q = db
    .selectFrom('intent_stat')
    .innerJoin('municipality', 'municipality.id', 'intent_stat.municipality_id')
    .select([
      sql<string>`to_char(intent_stat.hour at time zone 'UTC', 'YYYY-MM')`.as('month'),
      'municipality.slug',
      'municipality.name',
      sql<number>`sum(intent_stat.count)::int`.as('answered'),
    ])
    .where('intent_stat.outcome', '=', 'answered')
    .where('intent_stat.hour', '>=', sql<Date>`(${`${options.fromMonth}-01`}::date::timestamp at time zone 'UTC')`)
    .where(
      'intent_stat.hour',
      '<',
      sql<Date>`((${`${options.toMonth}-01`}::date + interval '1 month')::timestamp at time zone 'UTC')`,
    );
  if (options.municipalityId) q = q.where('intent_stat.municipality_id', '=', options.municipalityId);
  const rows = await q
    .groupBy([sql`1`, 'municipality.slug', 'municipality.name'])
    .orderBy(sql`1`)
    .orderBy('municipality.slug')
    .execute();
  return rows.map((r) => ({ ...r, answered: Number(r.answered) }));
}
