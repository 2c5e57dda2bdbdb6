import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { RetentionLimits } from '../privacy/retention.policy.ts';
import type { Store } from '../store/database.ts';
import { recordJobRun, withAdvisoryLock } from '../store/job-state.repository.ts';
import { runAnonymizeSweep } from './anonymize.task.ts';
import { runRetention } from './retention.task.ts';

export const JOB_NAMES = ['anonymize', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobDeps {
  store: Store;
  clock: Clock;
  retention: RetentionLimits;
}

/**
 * Runs one job once and records its result. With PostgreSQL, an advisory lock makes sure one instance runs it at
 * a time (another instance's run returns `skipped`); PGlite is single-process, so no lock is needed.
 */
export async function runJob(
  deps: JobDeps,
  name: JobName,
  options: { now?: Date } = {},
): Promise<Record<string, unknown>> {
  const now = options.now ?? deps.clock.now();
  const work = async (): Promise<Record<string, unknown>> => {
    const result =
      name === 'anonymize'
        ? { ...(await runAnonymizeSweep(deps.store.db, { now })) }
        : { ...(await runRetention(deps.store.db, deps.retention, options.now ? { now: options.now } : {})) };
    await recordJobRun(deps.store.db, name, now, result);
    return result;
  };
  if (deps.store.kind === 'pglite') return work();
  return (
    (await withAdvisoryLock(deps.store.db, `kommunechat:job:${name}`, work)) ?? {
      skipped: true,
      reason: 'another instance is running this job',
    }
  );
}

/** Runs every job now and then every `intervalMinutes`, in this process; stop() waits for a run in progress. */
export function scheduleJobs(deps: JobDeps, logger: Logger, intervalMinutes: number): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      for (const name of JOB_NAMES) {
        try {
          const result = await runJob(deps, name);
          logger.info({ event: 'job_finished', job: name, result });
        } catch (err) {
          logger.error({ event: 'job_failed', job: name, err });
        }
      }
    });
  };
  tick();
  const timer = setInterval(tick, intervalMinutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
