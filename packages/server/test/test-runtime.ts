import { loadConfig } from '../src/config/load-config.ts';
import type { Config } from '../src/config/config.schema.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildUnderstanding, contentDirOf, createRuntime, type Runtime, type Understanding } from '../src/runtime.ts';
import { buildApp, type App } from '../src/server/app.ts';
import type { Clock } from '../src/clock.ts';
import { createTestDatabase, type DatabaseMode } from './databases.ts';

export interface TestApp {
  runtime: Runtime;
  app: App;
  /** every log line written so far, as raw JSON text */
  logs: string[];
  close(): Promise<void>;
}

const understandings = new Map<string, Promise<Understanding>>();

/** The answer base and trained model, built once per test file and content directory (training takes seconds). */
export function sharedUnderstanding(contentDir: string): Promise<Understanding> {
  let u = understandings.get(contentDir);
  if (!u) understandings.set(contentDir, (u = buildUnderstanding(contentDir)));
  return u;
}

/** The real server on a fresh database of the given kind, with its log lines captured. */
export async function createTestApp(
  mode: DatabaseMode,
  options: { clock?: Clock; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(mode);
  const config = loadConfig(
    {},
    { dataDir: database.dataDir, databaseUrl: database.databaseUrl, jobsEnabled: false, ...options.config },
  );
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
  const runtime = await createRuntime(config, logger, {
    understanding: await sharedUnderstanding(contentDirOf(config)),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = await buildApp(runtime);
  await app.ready();
  return {
    runtime,
    app,
    logs,
    async close() {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}
