import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { databaseModes, createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { openStore, type Store } from './database.ts';
import {
  createMunicipalityIfMissing,
  findMunicipalityBySlug,
  listMunicipalities,
  updateMunicipality,
} from './municipality.repository.ts';
import { loadMunicipalityFiles } from '../content/municipality-files.ts';
import { DEFAULT_CONTENT_DIR } from '../content/answer-base.ts';

const demo = loadMunicipalityFiles(DEFAULT_CONTENT_DIR);

describe.each(databaseModes())('municipality repository on %s', (mode) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(mode);
    store = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('creates each municipality once and reads it back intact', async () => {
    for (const m of demo) expect(await createMunicipalityIfMissing(store.db, m)).toBe(true);
    for (const m of demo) expect(await createMunicipalityIfMissing(store.db, m)).toBe(false);
    const fjordvik = await findMunicipalityBySlug(store.db, 'fjordvik');
    const source = demo.find((m) => m.slug === 'fjordvik')!;
    expect(fjordvik?.contact).toEqual(source.contact);
    expect(fjordvik?.languages).toEqual(source.languages);
    expect(fjordvik?.allowedOrigins).toEqual(source.allowedOrigins);
    expect((await listMunicipalities(store.db)).map((m) => m.slug)).toEqual(['alvby', 'bogelund', 'fjordvik']);
  });

  it('updates settings', async () => {
    const source = demo.find((m) => m.slug === 'alvby')!;
    const updated = await updateMunicipality(store.db, { ...source, retentionDays: 7, theme: { colour: '#123456' } });
    expect(updated?.retentionDays).toBe(7);
    expect((await findMunicipalityBySlug(store.db, 'alvby'))?.theme.colour).toBe('#123456');
  });

  it('reopens with every migration already applied and the data intact', async () => {
    await store.close();
    store = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    expect(await store.ping()).toBe(true);
    expect(await listMunicipalities(store.db)).toHaveLength(3);
  });
});
