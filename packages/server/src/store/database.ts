import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrator.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** true while the database answers a trivial query */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… for PostgreSQL; otherwise embedded PGlite */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests of pure logic only) */
  dataDir: string;
  poolSize?: number;
}

// timestamptz, int8 and numeric come back as Date, string and string; counts are cast to int in SQL.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Opens the database (PGlite or PostgreSQL) and applies every migration. */
export async function openStore(options: StoreOptions): Promise<Store> {
  let db: Kysely<Database>;
  let kind: DatabaseKind;
  if (options.databaseUrl) {
    kind = 'postgres';
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A broken idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    kind = 'pglite';
    if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
    const pglite = await PGlite.create(options.dataDir);
    db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  }
  await migrateToLatest(db);
  let closed = false;
  return {
    db,
    kind,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
