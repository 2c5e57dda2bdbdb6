import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, describeSettings } from './config/load-config.ts';
import { createLogger } from './server/logger.ts';
import { serve } from './server/serve.ts';

const USAGE = `kommunechat — privacy-first citizen-service chat assistant for Nordic municipalities

Usage: kommunechat <command> [options]

Commands:
  serve [--port N]                          Start the server (embedded PGlite under ./data unless DATABASE_URL is set)
  nlu-eval --test FILE [--train FILE]       Evaluate the NLU on a JSONL test file; last stdout line is JSON metrics
  anonymize [--lang xx]                     Mask personal data: stdin JSONL {"text","lang"?} -> stdout JSONL {"text","spans"}
  jobs run anonymize|retention [--now ISO]  Run a scheduled job once (what an external scheduler calls)
  stats --municipality SLUG [--from DATE] [--to DATE]
                                            Anonymous intent statistics and billing counts as JSON
  content check [--dir DIR]                 Validate the answer base and the municipality files
  users add --email E --name N [--platform-admin] [--municipality SLUG --role ROLE ...] [--password-stdin]
                                            Create a staff account (prints an invitation link unless a password is piped)
  --help                                    Show this help

Configuration (environment variables):
${describeSettings()}
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async serve(args) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' } }, strict: true });
    const config = loadConfig(process.env);
    if (values.port !== undefined) {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new ConfigError(['--port must be a whole number between 0 and 65535']);
      config.port = port;
    }
    await serve(config, createLogger(config.logLevel));
    return -1; // keeps running until a signal
  },
  // The other commands load their modules on demand, so that each starts no more than it needs.
  'nlu-eval': async (args) => (await import('./commands/nlu-eval.command.ts')).runNluEval(args),
  anonymize: async (args) => (await import('./commands/anonymize.command.ts')).runAnonymize(args),
  jobs: async (args) => (await import('./commands/jobs.command.ts')).runJobsCommand(args),
  stats: async (args) => (await import('./commands/stats.command.ts')).runStatsCommand(args),
  content: async (args) => (await import('./commands/content.command.ts')).runContentCommand(args),
  users: async (args) => (await import('./commands/users.command.ts')).runUsersCommand(args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`kommunechat: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  return command(rest);
}

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 2;
  } else if (String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`kommunechat: ${(err as Error).message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`kommunechat: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
