import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ConfigError } from '../config/load-config.ts';
import { DEFAULT_CONTENT_DIR, municipalityAnswerProblems, readAnswerBase } from '../content/answer-base.ts';
import { loadMunicipalityFiles } from '../content/municipality-files.ts';

/** `kommunechat content check [--dir DIR]`: validates the answer base and the municipality files. */
export async function runContentCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { dir: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.join(' ') !== 'check') throw new ConfigError(['usage: kommunechat content check [--dir DIR]']);
  const dir = values.dir ? resolve(values.dir) : DEFAULT_CONTENT_DIR;
  const { base, problems } = await readAnswerBase(dir);
  try {
    for (const m of loadMunicipalityFiles(dir)) problems.push(...municipalityAnswerProblems(m, base));
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length > 0) {
    process.stderr.write(
      `content check failed: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  let phrases = 0;
  for (const i of base.intents.values()) phrases += Object.values(i.phrases).reduce((n, p) => n + p.length, 0);
  process.stdout.write(`content check passed: ${base.intents.size} intents, ${phrases} training phrases\n`);
  return 0;
}
