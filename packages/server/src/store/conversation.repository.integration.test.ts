import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { databaseModes, createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { loadMunicipalityFiles } from '../content/municipality-files.ts';
import { DEFAULT_CONTENT_DIR } from '../content/answer-base.ts';
import { openStore, type Store } from './database.ts';
import { createConversation, endConversation, readTurnSnapshot, recordTurn } from './conversation.repository.ts';
import { listIntentStats } from './intent-stat.repository.ts';
import { listMessages } from './message.repository.ts';
import { createMunicipalityIfMissing, findMunicipalityBySlug } from './municipality.repository.ts';

const NOW = new Date('2026-11-23T10:15:00Z');

describe.each(databaseModes())('conversation repository on %s', (mode) => {
  let database: TestDatabase;
  let store: Store;
  let municipalityId: string;
  beforeAll(async () => {
    database = await createTestDatabase(mode);
    store = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 1 });
    for (const m of loadMunicipalityFiles(DEFAULT_CONTENT_DIR)) await createMunicipalityIfMissing(store.db, m);
    municipalityId = (await findMunicipalityBySlug(store.db, 'fjordvik'))!.id;
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const newConversation = () =>
    createConversation(store.db, {
      municipalityId,
      tokenHash: 'hash',
      channel: 'web',
      language: 'nb',
      platform: 'desktop',
      browser: null,
      browserVersion: null,
      now: NOW,
    });

  const turn = (conversationId: string, intent: string) => ({
    conversationId,
    messages: [
      { role: 'user' as const, text: 'når kommer søppelbilen', intent, confidence: 0.9, outcome: 'answered' as const },
      { role: 'bot' as const, text: 'Svar 1', intent },
      { role: 'bot' as const, text: 'Svar 2' },
    ],
    event: {
      municipalityId,
      intent,
      language: 'nb' as const,
      channel: 'web' as const,
      outcome: 'answered' as const,
      at: NOW,
    },
    language: 'nn' as const,
    dialogueState: { failedTurns: 0 },
    now: NOW,
  });

  it('reads the snapshot of a turn: row version, handover state and whether a client message id was seen', async () => {
    const c = await newConversation();
    const before = await readTurnSnapshot(store.db, c.id, 'client-1');
    expect(before).toMatchObject({ handoverState: null, seenClientMessage: false });
    expect(before!.conversation.id).toBe(c.id);
    const rows = await recordTurn(store.db, {
      ...turn(c.id, 'waste.collection_day'),
      messages: [{ role: 'user', text: 'hei', clientMessageId: 'client-1' }],
      expectedVersion: before!.version,
    });
    expect(rows).toHaveLength(1);
    const after = await readTurnSnapshot(store.db, c.id, 'client-1');
    expect(after?.seenClientMessage).toBe(true);
    expect(after?.version).not.toBe(before!.version);
    expect((await readTurnSnapshot(store.db, c.id, 'client-2'))?.seenClientMessage).toBe(false);
    expect((await readTurnSnapshot(store.db, c.id, undefined))?.seenClientMessage).toBe(false);
    expect(await readTurnSnapshot(store.db, '00000000-0000-4000-8000-000000000000', undefined)).toBeUndefined();
  });

  it('writes a turn in one statement: messages in order, the statistics row and the conversation state', async () => {
    const c = await newConversation();
    const snapshot = (await readTurnSnapshot(store.db, c.id, undefined))!;
    const rows = await recordTurn(store.db, { ...turn(c.id, 'test.in_order'), expectedVersion: snapshot.version });
    expect(rows.map((r) => r.role)).toEqual(['user', 'bot', 'bot']);
    expect(rows.map((r) => Number(r.id))).toEqual([...rows.map((r) => Number(r.id))].sort((a, b) => a - b));
    const stored = await listMessages(store.db, c.id);
    expect(stored.map((m) => [m.role, m.text, m.intent])).toEqual([
      ['user', 'når kommer søppelbilen', 'test.in_order'],
      ['bot', 'Svar 1', 'test.in_order'],
      ['bot', 'Svar 2', null],
    ]);
    expect(stored[0]!.confidence).toBeCloseTo(0.9);
    const reread = (await readTurnSnapshot(store.db, c.id, undefined))!.conversation;
    expect(reread.language).toBe('nn');
    const stats = await listIntentStats(store.db, municipalityId);
    expect(stats.find((s) => s.intent === 'test.in_order')?.count).toBe(1);
  });

  it('writes nothing when the conversation changed since the snapshot (optimistic concurrency)', async () => {
    const c = await newConversation();
    const snapshot = (await readTurnSnapshot(store.db, c.id, undefined))!;
    await endConversation(store.db, c.id, { helpful: null, now: NOW });
    const rows = await recordTurn(store.db, { ...turn(c.id, 'test.lost_race'), expectedVersion: snapshot.version });
    expect(rows).toEqual([]);
    expect(await listMessages(store.db, c.id)).toEqual([]);
    expect((await listIntentStats(store.db, municipalityId)).some((s) => s.intent === 'test.lost_race')).toBe(false);
    // under the row lock (no expected version) the same turn is written
    expect(await recordTurn(store.db, turn(c.id, 'test.lost_race'))).toHaveLength(3);
  });

  it('of two turns read from the same snapshot, exactly one is written', async () => {
    const c = await newConversation();
    const snapshot = (await readTurnSnapshot(store.db, c.id, undefined))!;
    const results = await Promise.all([
      recordTurn(store.db, { ...turn(c.id, 'test.race_a'), expectedVersion: snapshot.version }),
      recordTurn(store.db, { ...turn(c.id, 'test.race_b'), expectedVersion: snapshot.version }),
    ]);
    expect(results.map((r) => r.length).sort()).toEqual([0, 3]);
    expect(await listMessages(store.db, c.id)).toHaveLength(3);
  });
});

describe.each(databaseModes().filter((m) => m === 'postgres'))('the PostgreSQL pool', (mode) => {
  it('prepares the data statements it sends, once per connection', async () => {
    const database = await createTestDatabase(mode);
    const store = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 1 });
    try {
      await sql`select ${1}::int as one`.execute(store.db);
      await sql`select ${2}::int as one`.execute(store.db);
      const prepared = await sql<{ name: string }>`
        select name from pg_prepared_statements where statement like ${'select $1::int as one%'}`.execute(store.db);
      expect(prepared.rows).toHaveLength(1);
      expect(prepared.rows[0]!.name).toMatch(/^k[0-9a-f]{24}$/);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
