import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadConfig, ConfigError } from '../config/load-config.ts';
import { openStore } from '../store/database.ts';
import { findMunicipalityBySlug } from '../store/municipality.repository.ts';
import { billableAnswersPerMonth, listIntentStats } from '../store/intent-stat.repository.ts';

function parseDate(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new ConfigError([`--${flag} must be a date (YYYY-MM-DD) or ISO-8601 date-time`]);
  return d;
}

/** `kommunechat stats --municipality SLUG [--from DATE] [--to DATE]`: the anonymous intent statistics as JSON. */
export async function runStatsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { municipality: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
  });
  if (!values.municipality)
    throw new ConfigError(['usage: kommunechat stats --municipality SLUG [--from DATE] [--to DATE]']);
  const from = parseDate('from', values.from);
  const to = parseDate('to', values.to);
  const config = loadConfig(process.env);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: resolve(config.dataDir), poolSize: 2 });
  try {
    const m = await findMunicipalityBySlug(store.db, values.municipality);
    if (!m) {
      process.stderr.write(`kommunechat: no municipality "${values.municipality}"\n`);
      return 1;
    }
    const rows = await listIntentStats(store.db, m.id, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const byIntent: Record<string, number> = {};
    const byOutcome: Record<string, number> = {};
    for (const r of rows) {
      byIntent[r.intent] = (byIntent[r.intent] ?? 0) + r.count;
      byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + r.count;
    }
    const out = {
      municipality: m.slug,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      total: rows.reduce((n, r) => n + r.count, 0),
      byOutcome,
      byIntent,
      billing: await billableAnswersPerMonth(store.db, m.id),
      hourly: rows.map((r) => ({ ...r, hour: r.hour.toISOString() })),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
