import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config/config.schema.ts';
import { ConfigError, retentionLimits, secretKeyOf } from './config/load-config.ts';
import { SEALED_PREFIX, sealSecret } from './privacy/secret-box.ts';
import { listPlainTotpSecrets, replaceTotpSecret } from './store/staff.repository.ts';
import { systemClock, type Clock } from './clock.ts';
import { openStore, type Store } from './store/database.ts';
import { loadMunicipalityFiles } from './content/municipality-files.ts';
import {
  AnswerBaseError,
  DEFAULT_CONTENT_DIR,
  loadAnswerBase,
  municipalityAnswerProblems,
  trainingExamples,
  type AnswerBase,
} from './content/answer-base.ts';
import { createMunicipalityIfMissing, findMunicipalityBySlug } from './store/municipality.repository.ts';
import { createAnswerOverrideIfMissing } from './store/answer-override.repository.ts';
import { trainNlu, type NluModel } from './nlu/index.ts';
import { MunicipalityDirectory } from './dialogue/municipality.directory.ts';
import type { ConversationDeps } from './dialogue/conversation.service.ts';
import type { DialogueThresholds } from './dialogue/dialogue.types.ts';
import { createMemoryBus, createPostgresBus } from './dialogue/handover.bus.ts';
import { DEFAULT_HANDOVER_OPTIONS, type HandoverDeps } from './dialogue/handover.service.ts';

/** Everything the server, the jobs and the CLI are built from; made once, in `createRuntime`. */
export interface Runtime {
  config: Config;
  store: Store;
  logger: Logger;
  clock: Clock;
  contentDir: string;
  conversations: ConversationDeps;
  handover: HandoverDeps;
  close(): Promise<void>;
}

/** The answer base and the model trained on it: built once per content directory. */
export interface Understanding {
  base: AnswerBase;
  nlu: NluModel;
}

export interface RuntimeOptions {
  clock?: Clock;
  /** an answer base and model already built (tests share one instead of training per server) */
  understanding?: Understanding;
}

/** Loads the answer base and trains the NLU on it (a few seconds). */
export async function buildUnderstanding(contentDir: string): Promise<Understanding> {
  const base = await loadAnswerBase(contentDir);
  return { base, nlu: trainNlu(trainingExamples(base)) };
}

export function contentDirOf(config: Config): string {
  return config.contentDir ? resolve(config.contentDir) : DEFAULT_CONTENT_DIR;
}

export function dialogueThresholds(config: Config): DialogueThresholds {
  return {
    answer: config.answerThresholdPercent / 100,
    clarifyMargin: config.clarifyMarginPercent / 100,
    minimum: config.minimumScorePercent / 100,
    failedTurnsBeforeHuman: config.failedTurnsBeforeHuman,
  };
}

/** The composition root: opens the database, seeds municipalities, trains the NLU and wires the parts together. */
/**
 * TOTP secrets are kept sealed (AES-256-GCM): seals any still in plain text from before, and refuses to start
 * without `KOMMUNECHAT_SECRET_KEY` once someone relies on a second factor (their sign-in would fail otherwise).
 */
async function sealTotpSecrets(db: Store['db'], config: Config, logger: Logger): Promise<void> {
  const key = secretKeyOf(config);
  if (!key) {
    const enabled = await db
      .selectFrom('staff_user')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('totp_enabled', '=', true)
      .executeTakeFirstOrThrow();
    if (Number(enabled.n) > 0)
      throw new ConfigError([
        `KOMMUNECHAT_SECRET_KEY must be set: ${enabled.n} staff account(s) sign in with a TOTP second factor`,
      ]);
    return;
  }
  const plain = await listPlainTotpSecrets(db, SEALED_PREFIX);
  for (const u of plain) await replaceTotpSecret(db, u.id, u.totp_secret, sealSecret(key, u.totp_secret, u.id));
  if (plain.length > 0) logger.info({ event: 'totp_secrets_sealed', count: plain.length });
}

export async function createRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const contentDir = contentDirOf(config);
  const clock = options.clock ?? systemClock;
  const municipalities = config.seedMunicipalities ? loadMunicipalityFiles(contentDir) : [];
  const started = performance.now();
  const understanding = options.understanding ?? (await buildUnderstanding(contentDir));
  if (!options.understanding) {
    logger.info({
      event: 'nlu_trained',
      intents: understanding.nlu.intents.length,
      ms: Math.round(performance.now() - started),
    });
  }
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(config.dataDir),
    poolSize: config.databasePoolSize,
  });
  if (store.kind === 'pglite') {
    logger.warn(
      { event: 'embedded_database' },
      'embedded PGlite database: acknowledged writes survive a crash of this process, but not necessarily a power failure; use PostgreSQL (DATABASE_URL) in production',
    );
  }
  const problems = municipalities.flatMap((m) => municipalityAnswerProblems(m, understanding.base));
  if (problems.length > 0) {
    await store.close();
    throw new AnswerBaseError(problems);
  }
  let seeded = 0;
  for (const m of municipalities) {
    if (await createMunicipalityIfMissing(store.db, m)) seeded++;
    const row = m.answers?.length ? await findMunicipalityBySlug(store.db, m.slug) : undefined;
    for (const answer of row ? (m.answers ?? []) : [])
      await createAnswerOverrideIfMissing(store.db, row!.id, answer, clock.now());
  }
  if (seeded > 0) logger.info({ event: 'municipalities_seeded', count: seeded });
  try {
    await sealTotpSecrets(store.db, config, logger);
  } catch (err) {
    await store.close();
    throw err;
  }
  const municipalityDirectory = new MunicipalityDirectory(store.db, clock, retentionLimits(config));
  // live handover: signals between instances over LISTEN/NOTIFY with PostgreSQL, in process with PGlite
  const bus = config.databaseUrl
    ? await createPostgresBus(config.databaseUrl, (err) =>
        logger.warn({ event: 'handover_bus_error', err: err.message }),
      )
    : createMemoryBus();
  const handover: HandoverDeps = {
    db: store.db,
    clock,
    bus,
    municipalities: municipalityDirectory,
    options: DEFAULT_HANDOVER_OPTIONS,
  };
  return {
    config,
    store,
    logger,
    clock,
    contentDir,
    conversations: {
      db: store.db,
      clock,
      nlu: understanding.nlu,
      base: understanding.base,
      municipalities: municipalityDirectory,
      thresholds: dialogueThresholds(config),
      handover,
    },
    handover,
    close: async () => {
      await bus.close();
      await store.close();
    },
  };
}
