import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { fixedClock } from '../clock.ts';
import { ANONYMIZER_VERSION } from '../privacy/anonymizer/index.ts';
import { createConversation } from '../store/conversation.repository.ts';
import { countIntentEvent } from '../store/intent-stat.repository.ts';
import { insertMessages } from '../store/message.repository.ts';
import type { Store } from '../store/database.ts';
import { createMunicipalityIfMissing, findMunicipalityBySlug } from '../store/municipality.repository.ts';
import { loadMunicipalityFiles } from '../content/municipality-files.ts';
import { DEFAULT_CONTENT_DIR } from '../content/answer-base.ts';
import { databaseModes, openTestStore } from '../../test/databases.ts';
import { runJob } from './job.scheduler.ts';

const DAY = 24 * 60 * 60 * 1000;
const limits = { defaultDays: 21, maxDays: 90 };

describe.each(databaseModes())('scheduled jobs on %s', (mode) => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  let store: Store;
  let municipalityId: string;
  const clock = fixedClock(new Date('2026-10-01T12:00:00Z'));

  beforeAll(async () => {
    t = await openTestStore(mode);
    store = t.store;
    const [fjordvik] = loadMunicipalityFiles(DEFAULT_CONTENT_DIR).filter((m) => m.slug === 'fjordvik');
    await createMunicipalityIfMissing(store.db, fjordvik!);
    municipalityId = (await findMunicipalityBySlug(store.db, 'fjordvik'))!.id;
  });
  afterAll(() => t.close());

  async function conversationAt(at: Date, text: string, version: string | null) {
    const c = await createConversation(store.db, {
      municipalityId,
      tokenHash: `h${Math.random()}`,
      channel: 'web',
      language: 'nb',
      platform: 'desktop',
      browser: 'Firefox',
      browserVersion: '128',
      now: at,
    });
    await insertMessages(store.db, [
      { conversationId: c.id, role: 'user', text, anonymizerVersion: version, createdAt: at },
    ]);
    await countIntentEvent(store.db, {
      municipalityId,
      intent: 'waste.collection_schedule',
      language: 'nb',
      channel: 'web',
      outcome: 'answered',
      at,
    });
    return c.id;
  }

  it('the anonymize sweep re-masks what an older version masked, reports the backlog, and is idempotent', async () => {
    const id = await conversationAt(clock.now(), 'Ring meg på 912 34 567, jeg heter Kari Nordmann', 'old-version');
    const first = await runJob({ store, clock, retention: limits }, 'anonymize');
    expect(first).toMatchObject({
      processed: 1,
      masked: 1,
      failed: 0,
      version: ANONYMIZER_VERSION,
      oldestUnmaskedAgeSeconds: 0,
    });
    const row = await store.db
      .selectFrom('message')
      .select(['text', 'anonymizer_version'])
      .where('conversation_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.text).not.toContain('912 34 567');
    expect(row.text).not.toContain('Nordmann');
    expect(row.anonymizer_version).toBe(ANONYMIZER_VERSION);
    expect(await runJob({ store, clock, retention: limits }, 'anonymize')).toMatchObject({ processed: 0, masked: 0 });
    const state = await store.db
      .selectFrom('job_state')
      .selectAll()
      .where('name', '=', 'anonymize')
      .executeTakeFirstOrThrow();
    expect(state.last_result).toMatchObject({ processed: 0 });
  });

  it('retention deletes exactly the conversations past their retention, keeps statistics, and is idempotent', async () => {
    const old = await conversationAt(new Date(clock.now().getTime() - 22 * DAY), 'gammel', ANONYMIZER_VERSION);
    const recent = await conversationAt(new Date(clock.now().getTime() - 20 * DAY), 'ny', ANONYMIZER_VERSION);
    const statsBefore = await sql<{ n: number }>`select sum(count)::int as n from intent_stat`.execute(store.db);
    expect(await runJob({ store, clock, retention: limits }, 'retention', { now: clock.now() })).toMatchObject({
      deleted: 1,
    });
    expect(await runJob({ store, clock, retention: limits }, 'retention', { now: clock.now() })).toMatchObject({
      deleted: 0,
    });
    const left = (await store.db.selectFrom('conversation').select('id').execute()).map((r) => r.id);
    expect(left).toContain(recent);
    expect(left).not.toContain(old);
    expect(await store.db.selectFrom('message').select('id').where('conversation_id', '=', old).execute()).toEqual([]);
    const statsAfter = await sql<{ n: number }>`select sum(count)::int as n from intent_stat`.execute(store.db);
    expect(statsAfter.rows[0]!.n).toBe(statsBefore.rows[0]!.n);
    // a municipality's own shorter retention applies
    await store.db.updateTable('municipality').set({ retention_days: 10 }).where('id', '=', municipalityId).execute();
    expect(await runJob({ store, clock, retention: limits }, 'retention', { now: clock.now() })).toMatchObject({
      deleted: 1,
    });
  });

  // Only PostgreSQL has several instances (PGlite is one process), so only there is the lock exercised.
  if (mode === 'postgres')
    it('runs a job on one instance at a time (advisory lock)', async () => {
      const other = new pg.Client({ connectionString: t.databaseUrl });
      await other.connect();
      try {
        await other.query(`select pg_advisory_lock(hashtext('kommunechat:job:retention'))`);
        expect(await runJob({ store, clock, retention: limits }, 'retention')).toMatchObject({ skipped: true });
        await other.query(`select pg_advisory_unlock(hashtext('kommunechat:job:retention'))`);
        expect(await runJob({ store, clock, retention: limits }, 'retention')).toHaveProperty('deleted');
      } finally {
        await other.end();
      }
    });
});
