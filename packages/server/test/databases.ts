import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type {} from './global-setup.ts';
import { openStore, type Store } from '../src/store/database.ts';

export type DatabaseMode = 'pglite' | 'postgres';

/** Every database the tests run against: PGlite always, PostgreSQL whenever the global setup started one. */
export function databaseModes(): DatabaseMode[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind: a temp PGlite directory, or a new database on the test server. */
export async function createTestDatabase(mode: DatabaseMode): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kommunechat-test-'));
  if (mode === 'pglite') {
    return { databaseUrl: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = inject('postgresUrl');
  const name = `kc_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    databaseUrl: adminUrl.replace(/\/postgres$/, `/${name}`),
    dataDir,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database of the given kind, opened and migrated; `close()` also drops it. */
export async function openTestStore(
  mode: DatabaseMode,
): Promise<{ store: Store; databaseUrl: string | undefined; close(): Promise<void> }> {
  const database = await createTestDatabase(mode);
  const store = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  return {
    store,
    databaseUrl: database.databaseUrl,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}
