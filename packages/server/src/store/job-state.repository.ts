import { sql, type Kysely } from 'kysely';
import type { Database, Db } from './schema.ts';

export async function recordJobRun(db: Db, name: string, at: Date, result: Record<string, unknown>): Promise<void> {
  await db
    .insertInto('job_state')
    .values({ name, last_run_at: at, last_result: JSON.stringify(result) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_run_at: at, last_result: JSON.stringify(result) }))
    .execute();
}

export async function findJobState(db: Db, name: string) {
  return db.selectFrom('job_state').selectAll().where('name', '=', name).executeTakeFirst();
}

/**
 * Runs `work` while this instance holds the session-level Postgres advisory lock `name` (taken and released on
 * one pinned connection), so that one instance runs a job at a time. Returns undefined without running `work`
 * when another instance holds the lock.
 */
export async function withAdvisoryLock<T>(
  db: Kysely<Database>,
  name: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtext(${name})) as locked`.execute(
      conn,
    );
    if (!rows[0]?.locked) return undefined;
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(conn);
    }
  });
}
