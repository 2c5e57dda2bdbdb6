import { createHash } from 'node:crypto';
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

/** How many statements one connection keeps prepared; beyond them, statements are planned each time. */
const PREPARED_PER_CONNECTION = 500;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `k${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < PREPARED_PER_CONNECTION) names.set(text, name);
  }
  return name;
}

/**
 * Makes a pooled pg client prepare the data statements it is sent (named by a hash of their text): PostgreSQL then
 * parses and plans each of them once per connection instead of at every call, which was about half of the database
 * time of a chat message. Schema changes happen only in migrations, before the first of these statements.
 */
function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = new Set<string>();
  client.query = ((config: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof config === 'string' && Array.isArray(values) && PREPARABLE.test(config)) {
      const name = statementName(config);
      if (prepared.has(name) || prepared.size < PREPARED_PER_CONNECTION) {
        prepared.add(name);
        return query({ name, text: config, values }, ...rest);
      }
    }
    return query(config, values, ...rest);
  }) as typeof client.query;
}

/** Opens the database (PGlite or PostgreSQL) and applies every migration. */
export async function openStore(options: StoreOptions): Promise<Store> {
  let db: Kysely<Database>;
  let kind: DatabaseKind;
  if (options.databaseUrl) {
    kind = 'postgres';
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
    });
    pool.on('connect', prepareStatements);
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
