import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, retentionLimits } from '../config/load-config.ts';
import { systemClock } from '../clock.ts';
import { JOB_NAMES, runJob, type JobName } from '../jobs/job.scheduler.ts';
import { openStore } from '../store/database.ts';
import { resolve } from 'node:path';

/** `kommunechat jobs run anonymize|retention [--now ISO-8601]`: one run, result as JSON on stdout. */
export async function runJobsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { now: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [verb, name] = positionals;
  if (verb !== 'run' || !JOB_NAMES.includes(name as JobName) || positionals.length !== 2) {
    throw new ConfigError([`usage: kommunechat jobs run ${JOB_NAMES.join('|')} [--now ISO-8601]`]);
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime()))
      throw new ConfigError(['--now must be an ISO-8601 date-time, e.g. 2026-12-01T00:00:00Z']);
  }
  const config = loadConfig(process.env);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: resolve(config.dataDir), poolSize: 2 });
  try {
    const result = await runJob(
      { store, clock: systemClock, retention: retentionLimits(config) },
      name as JobName,
      now ? { now } : {},
    );
    process.stdout.write(`${JSON.stringify({ job: name, ...result })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
