import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config/config.schema.ts';
import { systemClock, type Clock } from './clock.ts';
import { openStore, type Store } from './store/database.ts';
import { loadMunicipalityFiles } from './content/municipality-files.ts';
import { createMunicipalityIfMissing } from './store/municipality.repository.ts';

/** The repository root (this file is packages/server/src/runtime.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Everything the server, the jobs and the CLI are built from; made once, in `createRuntime`. */
export interface Runtime {
  config: Config;
  store: Store;
  logger: Logger;
  clock: Clock;
  contentDir: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
}

/** The composition root: opens the database, seeds municipalities, and wires the parts together. */
export async function createRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const contentDir = config.contentDir ? resolve(config.contentDir) : resolve(REPO_ROOT, 'content');
  const municipalities = config.seedMunicipalities ? loadMunicipalityFiles(contentDir) : [];
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: resolve(config.dataDir), poolSize: config.databasePoolSize });
  if (store.kind === 'pglite') {
    logger.warn(
      { event: 'embedded_database' },
      'embedded PGlite database: acknowledged writes survive a crash of this process, but not necessarily a power failure; use PostgreSQL (DATABASE_URL) in production',
    );
  }
  let seeded = 0;
  for (const m of municipalities) if (await createMunicipalityIfMissing(store.db, m)) seeded++;
  if (seeded > 0) logger.info({ event: 'municipalities_seeded', count: seeded });
  return {
    config,
    store,
    logger,
    clock: options.clock ?? systemClock,
    contentDir,
    close: () => store.close(),
  };
}
