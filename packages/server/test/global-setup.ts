import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startPostgres, type PostgresServer } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of a throwaway server, or '' when PostgreSQL is not installed */
    postgresUrl: string;
  }
}

let server: PostgresServer | undefined;

/** Starts one real PostgreSQL for the whole run when it is installed; every database test also runs on it. */
export default async function setup(project: TestProject) {
  const binDir = findPostgresBinDir();
  if (binDir) {
    server = await startPostgres(binDir);
    project.provide('postgresUrl', server.url);
  } else {
    console.warn('PostgreSQL is not installed: database tests run on PGlite only (CI installs it).');
    project.provide('postgresUrl', '');
  }
  return async () => {
    await server?.stop();
  };
}
