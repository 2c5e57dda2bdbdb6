import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001-municipalities.ts';
import * as m0002 from './migrations/0002-chat-log.ts';
import * as m0003 from './migrations/0003-answer-overrides.ts';
import * as m0004 from './migrations/0004-staff-and-audit.ts';
import * as m0005 from './migrations/0005-learning-loop.ts';
import * as m0006 from './migrations/0006-handover.ts';
import * as m0007 from './migrations/0007-answer-validity.ts';
import * as m0008 from './migrations/0008-totp-hardening.ts';
import * as m0009 from './migrations/0009-single-sign-on.ts';

/** The one migration history, for PGlite and PostgreSQL alike. Append only. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-municipalities': m0001,
  '0002-chat-log': m0002,
  '0003-answer-overrides': m0003,
  '0004-staff-and-audit': m0004,
  '0005-learning-loop': m0005,
  '0006-handover': m0006,
  '0007-answer-validity': m0007,
  '0008-totp-hardening': m0008,
  '0009-single-sign-on': m0009,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
