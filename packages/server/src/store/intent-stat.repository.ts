import { sql } from 'kysely';
import type { Channel, Language } from '@kommunechat/protocol';
import type { Db, Outcome } from './schema.ts';

export interface IntentEvent {
  municipalityId: string;
  intent: string;
  language: Language;
  channel: Channel;
  outcome: Outcome;
  at: Date;
}

/** The start of the UTC hour of a moment: statistics are kept per hour, never per conversation. */
export function hourOf(at: Date): Date {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  return d;
}

/** Counts one event in its hourly bucket (no conversation id, no text). `recordTurn` does the same inside its turn. */
export async function countIntentEvent(db: Db, e: IntentEvent): Promise<void> {
  await db
    .insertInto('intent_stat')
    .values({
      hour: hourOf(e.at),
      municipality_id: e.municipalityId,
      intent: e.intent,
      language: e.language,
      channel: e.channel,
      outcome: e.outcome,
      count: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['municipality_id', 'hour', 'intent', 'language', 'channel', 'outcome'])
        .doUpdateSet({ count: sql`intent_stat.count + 1` }),
    )
    .execute();
}

export interface IntentStatRow {
  hour: Date;
  intent: string;
  language: Language;
  channel: Channel;
  outcome: Outcome;
  count: number;
}

export async function listIntentStats(
  db: Db,
  municipalityId: string,
  range: { from?: Date; to?: Date } = {},
): Promise<IntentStatRow[]> {
  let q = db
    .selectFrom('intent_stat')
    .select(['hour', 'intent', 'language', 'channel', 'outcome', 'count'])
    .where('municipality_id', '=', municipalityId);
  if (range.from) q = q.where('hour', '>=', range.from);
  if (range.to) q = q.where('hour', '<', range.to);
  const rows = await q.orderBy('hour').orderBy('intent').execute();
  return rows.map((r) => ({ ...r, hour: new Date(r.hour) }));
}

/** Answered intents per calendar month (UTC): what billing counts. */
export async function billableAnswersPerMonth(
  db: Db,
  municipalityId: string,
): Promise<{ month: string; answered: number }[]> {
  const rows = await sql<{ month: string; answered: number }>`
    select to_char(hour at time zone 'UTC', 'YYYY-MM') as month, sum(count)::int as answered
    from intent_stat where municipality_id = ${municipalityId} and outcome = 'answered'
    group by 1 order by 1`.execute(db);
  return rows.rows;
}
