import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isLanguage, LANGUAGES, type Language } from '@kommunechat/protocol';
import { anonymize } from '../privacy/anonymizer/index.ts';

/** The streams the command reads and writes; injectable for tests. */
export interface AnonymizeIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Why a line was rejected; never includes the line's text. */
function lineProblem(value: unknown): string | { text: string; lang?: Language } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const { text, lang } = value as { text?: unknown; lang?: unknown };
  if (typeof text !== 'string') return '"text" must be a string';
  if (lang !== undefined && lang !== null && !isLanguage(lang)) return `"lang" must be one of ${LANGUAGES.join(', ')}`;
  return isLanguage(lang) ? { text, lang } : { text };
}

/**
 * `kommunechat anonymize [--lang xx]`: reads JSONL `{"text", "lang"?}` from stdin and writes one JSONL line
 * `{"text", "spans"}` per input line, streaming. A bad line gets an error on stderr naming its line number (never
 * its text) and an empty output line, so output lines stay aligned with input lines; the exit code is then 2.
 */
export async function runAnonymize(
  args: string[],
  io: AnonymizeIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const { values } = parseArgs({ args, options: { lang: { type: 'string' } }, strict: true });
  if (values.lang !== undefined && !isLanguage(values.lang)) {
    io.stderr.write(`kommunechat anonymize: --lang must be one of ${LANGUAGES.join(', ')}\n`);
    return 2;
  }
  const defaultLang: Language | undefined = values.lang;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNumber++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const checked = parsed === undefined ? 'not valid JSON' : lineProblem(parsed);
    if (typeof checked === 'string') {
      failed++;
      io.stderr.write(`kommunechat anonymize: line ${lineNumber}: ${checked}\n`);
      io.stdout.write('{"error":"invalid input line"}\n');
      continue;
    }
    const lang = checked.lang ?? defaultLang;
    const result = anonymize(checked.text, lang ? { lang } : {});
    if (!io.stdout.write(`${JSON.stringify({ text: result.text, spans: result.spans })}\n`)) {
      await new Promise<void>((resolve) => io.stdout.once('drain', resolve));
    }
  }
  return failed > 0 ? 2 : 0;
}
