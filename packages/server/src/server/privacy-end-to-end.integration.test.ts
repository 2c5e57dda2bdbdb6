import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { retentionLimits } from '../config/load-config.ts';
import { runJob } from '../jobs/job.scheduler.ts';
import { databaseModes } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-runtime.ts';

const CLIENT_IP = '203.0.113.77';
const FORWARDED_IP = '198.51.100.23';
const DAY = 24 * 60 * 60 * 1000;

/** One item of every category the privacy rules name, in one citizen message. */
const PERSONAL = {
  number: '912 34 567',
  email: 'kari.nordmann@example.no',
  name: 'Kari Nordmann',
  health: 'diabetes',
  orientation: 'homofil',
  gender: 'transkvinne',
  political: 'Høyre',
  location: 'Storgata 12',
};
const MESSAGE = `Hei, jeg heter ${PERSONAL.name} og er ${PERSONAL.gender} og ${PERSONAL.orientation}. Jeg har ${PERSONAL.health} og stemmer på ${PERSONAL.political}. Jeg bor i ${PERSONAL.location}, 0150 Oslo. Ring ${PERSONAL.number} eller skriv til ${PERSONAL.email}. Når kommer søppelbilen?`;

function ipForms(ip: string): string[] {
  return [ip, ...['md5', 'sha1', 'sha256'].map((alg) => createHash(alg).update(ip).digest('hex'))];
}

/** Every row of every table of ours, as text. */
async function dumpAllTables(t: TestApp): Promise<string> {
  const tables = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(t.runtime.store.db);
  let out = '';
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ r: string }>`select t::text as r from ${sql.table(table_name)} t`.execute(
      t.runtime.store.db,
    );
    out += rows.rows.map((r) => r.r).join('\n');
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe.each(databaseModes())('privacy end to end on %s', (mode) => {
  const clock = fixedClock(new Date('2026-11-02T10:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(mode, { clock, config: { trustedProxies: ['127.0.0.1'] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores nothing of a message in clear, and after the retention period nothing at all but statistics', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/fjordvik/conversations',
      payload: {},
      remoteAddress: CLIENT_IP,
    });
    expect(started.statusCode).toBe(201);
    const { conversationId: id, token } = started.json();
    const auth = { authorization: `Bearer ${token}` };
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      payload: { text: MESSAGE },
      headers: auth,
      remoteAddress: CLIENT_IP,
    });
    expect(reply.statusCode).toBe(200);
    // Through a trusted proxy: the forwarded address is the client's, and must not be stored either.
    const proxied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      payload: { text: 'takk' },
      headers: { ...auth, 'x-forwarded-for': FORWARDED_IP },
      remoteAddress: '127.0.0.1',
    });
    expect(proxied.statusCode).toBe(200);

    const stored = await dumpAllTables(t);
    expect(stored).toContain('søppelbilen');
    for (const [category, value] of Object.entries(PERSONAL)) expect(stored, category).not.toContain(value);
    expect(stored).not.toContain('91234567');
    for (const form of [...ipForms(CLIENT_IP), ...ipForms(FORWARDED_IP)]) {
      expect(stored).not.toContain(form);
      expect(t.logs.join('\n')).not.toContain(form);
    }
    expect(t.logs.join('\n')).not.toContain('Nordmann');

    const statsBefore = await sql<{ n: number }>`select coalesce(sum(count), 0)::int as n from intent_stat`.execute(
      t.runtime.store.db,
    );
    expect(statsBefore.rows[0]!.n).toBe(2);

    clock.advance(22 * DAY);
    const result = await runJob(
      { store: t.runtime.store, clock, retention: retentionLimits(t.runtime.config) },
      'retention',
      { now: clock.now() },
    );
    expect(result).toMatchObject({ deleted: 1 });
    const after = await dumpAllTables(t);
    expect(after).not.toContain(id);
    const left = await sql<{
      n: number;
    }>`select (select count(*) from conversation)::int + (select count(*) from message)::int as n`.execute(
      t.runtime.store.db,
    );
    expect(left.rows[0]!.n).toBe(0);
    expect((await t.app.inject({ url: `/api/v1/conversations/${id}/export`, headers: auth })).statusCode).toBe(404);
    const statsAfter = await sql<{ n: number }>`select coalesce(sum(count), 0)::int as n from intent_stat`.execute(
      t.runtime.store.db,
    );
    expect(statsAfter.rows[0]!.n).toBe(2);
  });
});

describe('client IP and the embedded database files', () => {
  it('leaves no trace of the client IP, plain or hashed, in the PGlite data directory', async () => {
    const t = await createTestApp('pglite', { config: { trustedProxies: ['127.0.0.1'] } });
    try {
      const { conversationId: id, token } = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/municipalities/fjordvik/conversations',
          payload: {},
          remoteAddress: CLIENT_IP,
        })
      ).json();
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${id}/messages`,
        payload: { text: 'hei' },
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': FORWARDED_IP },
        remoteAddress: '127.0.0.1',
      });
      await t.runtime.store.close();
      const needles = [...ipForms(CLIENT_IP), ...ipForms(FORWARDED_IP)].map((s) => Buffer.from(s));
      const files = filesUnder(t.runtime.config.dataDir);
      expect(files.length).toBeGreaterThan(10);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const needle of needles) expect(bytes.includes(needle), file).toBe(false);
      }
    } finally {
      await t.close();
    }
  });
});
