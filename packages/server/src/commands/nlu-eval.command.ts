import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isLanguage } from '@kommunechat/protocol';
import { loadTrainingExamples } from '../content/answer-base.ts';
import { evaluateNlu, trainNlu, type TrainingExample } from '../nlu/index.ts';

const USAGE =
  'Usage: kommunechat nlu-eval --test FILE [--train FILE]   (FILE: JSONL {"text", "lang"?, "intent"}, intent "oos" = out of scope)';

class UsageError extends Error {}

/** Reads a JSONL file of labelled messages; a bad line fails naming the file and line, never quoting its text. */
async function readExamples(file: string): Promise<TrainingExample[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const examples: TrainingExample[] = [];
  for (const [i, line] of content.split('\n').entries()) {
    if (line.trim() === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      throw new UsageError(`${file}:${i + 1}: not valid JSON`);
    }
    const { text, intent, lang } = (item ?? {}) as Record<string, unknown>;
    if (typeof text !== 'string' || typeof intent !== 'string' || intent === '') {
      throw new UsageError(`${file}:${i + 1}: needs string fields "text" and "intent"`);
    }
    if (lang !== undefined && !isLanguage(lang))
      throw new UsageError(`${file}:${i + 1}: "lang" must be one of nb, nn, da, sv, en`);
    examples.push(lang === undefined ? { text, intent } : { text, intent, lang });
  }
  if (examples.length === 0) throw new UsageError(`${file}: no examples`);
  return examples;
}

/**
 * `kommunechat nlu-eval --test FILE [--train FILE]`: trains on FILE given by --train (else the shipped answer
 * base), classifies every test item and prints a summary, then the metrics as one JSON object on the last line.
 * Returns 2 on bad arguments or unreadable files.
 */
export async function runNluEval(args: string[]): Promise<number> {
  let testFile: string;
  let trainFile: string | undefined;
  try {
    const { values } = parseArgs({
      args,
      options: { test: { type: 'string' }, train: { type: 'string' } },
      strict: true,
    });
    if (!values.test) throw new UsageError('--test FILE is required');
    testFile = values.test;
    trainFile = values.train;
  } catch (err) {
    process.stderr.write(`kommunechat nlu-eval: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let tests: TrainingExample[];
  let training: TrainingExample[];
  try {
    tests = await readExamples(testFile);
    training = trainFile ? await readExamples(trainFile) : await loadTrainingExamples();
    if (!training.some((e) => e.intent !== 'oos'))
      throw new UsageError(`${trainFile ?? 'answer base'}: no in-scope examples`);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`kommunechat nlu-eval: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  const start = performance.now();
  const model = trainNlu(training);
  const trainMs = performance.now() - start;
  const result = evaluateNlu(model, tests, trainMs);
  process.stdout.write(
    `trained on ${training.length} examples (${model.intents.length} intents, ${trainFile ?? 'shipped answer base'}) in ${result.trainMs} ms; ` +
      `tested on ${result.n} from ${testFile}\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
