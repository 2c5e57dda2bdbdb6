import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isLanguage, type Language } from '@kommunechat/protocol';
import {
  anonymize,
  PII_CATEGORIES,
  type MaskedSpan,
  type PiiCategory,
} from '../packages/server/src/privacy/anonymizer/index.ts';

interface Labelled {
  text: string;
  lang: Language;
  pii: { text: string; category: PiiCategory }[];
  keep: string[];
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

const LABELLED = new URL('./data/anonymizer-labelled.jsonl', import.meta.url);
const DATASETS = '/work/shared/datasets';
const THROUGHPUT_MS = 1500;
const ADVERSARIAL_BYTES = 100_000;

function readLabelled(): Labelled[] {
  return readFileSync(LABELLED, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Labelled);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Offset of `needle` as a whole word (not inside a longer word), or of its first occurrence otherwise. */
function findWord(text: string, needle: string): number {
  const m = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'u').exec(text);
  return m ? m.index : text.indexOf(needle);
}

function covered(
  text: string,
  spans: readonly MaskedSpan[],
  start: number,
  end: number,
  category?: PiiCategory,
): boolean {
  // A gold item is recalled when spans of its category cover every one of its non-space characters.
  for (let k = start; k < end; k++) {
    if (/\s/.test(text[k]!)) continue;
    if (!spans.some((s) => s.start <= k && k < s.end && (category === undefined || s.category === category)))
      return false;
  }
  return true;
}

function overlaps(spans: readonly MaskedSpan[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}

function ratio(a: number, b: number): string {
  return b === 0 ? 'n/a' : (a / b).toFixed(3);
}

/** Recall and precision per category, and keep-word survival, on the labelled chat messages. */
function labelledFigures(set: readonly Labelled[]): void {
  const gold = new Map<PiiCategory, { n: number; hit: number; predicted: number; correct: number }>();
  for (const c of PII_CATEGORIES) gold.set(c, { n: 0, hit: 0, predicted: 0, correct: 0 });
  let keepTotal = 0;
  let keepKept = 0;
  const byLang = new Map<string, { n: number; hit: number }>();
  for (const item of set) {
    const { spans } = anonymize(item.text, { lang: item.lang });
    const goldRanges = item.pii.map((p) => {
      const start = item.text.indexOf(p.text);
      return { start, end: start + p.text.length, category: p.category };
    });
    for (const g of goldRanges) {
      const row = gold.get(g.category)!;
      row.n++;
      const ok = g.start >= 0 && covered(item.text, spans, g.start, g.end, g.category);
      if (ok) row.hit++;
      const lang = byLang.get(item.lang) ?? { n: 0, hit: 0 };
      lang.n++;
      if (ok) lang.hit++;
      byLang.set(item.lang, lang);
    }
    for (const s of spans) {
      const row = gold.get(s.category)!;
      row.predicted++;
      if (goldRanges.some((g) => g.category === s.category && g.start < s.end && s.start < g.end)) row.correct++;
    }
    for (const word of item.keep) {
      keepTotal++;
      const at = findWord(item.text, word);
      if (at >= 0 && !overlaps(spans, at, at + word.length)) keepKept++;
    }
  }
  print(`labelled set: ${set.length} messages, ${set.filter((s) => s.pii.length === 0).length} hard negatives`);
  print('category            gold  recall  precision (spans)');
  for (const [category, row] of gold) {
    print(
      `${category.padEnd(19)} ${String(row.n).padStart(4)}  ${ratio(row.hit, row.n).padStart(6)}  ${ratio(row.correct, row.predicted).padStart(9)} (${row.predicted})`,
    );
  }
  print(`recall by language: ${[...byLang].map(([l, r]) => `${l} ${ratio(r.hit, r.n)}`).join(', ')}`);
  print(`keep words surviving: ${ratio(keepKept, keepTotal)} (${keepKept}/${keepTotal})`);
}

/** Messages per second on one core, cycling the labelled texts. */
function throughput(set: readonly Labelled[]): void {
  for (const item of set) anonymize(item.text, { lang: item.lang });
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < THROUGHPUT_MS) {
    for (const item of set) anonymize(item.text, { lang: item.lang });
    n += set.length;
  }
  const seconds = (performance.now() - started) / 1000;
  print(
    `throughput: ${Math.round(n / seconds)} messages/s (${n} messages, mean ${(set.reduce((a, s) => a + s.text.length, 0) / set.length).toFixed(0)} chars)`,
  );
}

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** The adversarial inputs the linear-time requirement names, plus a few more shapes. */
export const ADVERSARIAL_INPUTS: Readonly<Record<string, string>> = {
  'digits and spaces': repeatTo('1 2 ', ADVERSARIAL_BYTES),
  'digits only': repeatTo('1234567890', ADVERSARIAL_BYTES),
  '"a@" repeated': repeatTo('a@', ADVERSARIAL_BYTES),
  'capitalised words': repeatTo('Kari Nordmann ', ADVERSARIAL_BYTES),
  'one long word': repeatTo('abcdefghij', ADVERSARIAL_BYTES),
  'long word of stems': repeatTo('kreftdiabetes', ADVERSARIAL_BYTES),
  'dates and times': repeatTo('12.03.2025 14:30 ', ADVERSARIAL_BYTES),
  '"[" repeated': repeatTo('[', ADVERSARIAL_BYTES),
  'cue words': repeatTo('jeg heter jeg er en ', ADVERSARIAL_BYTES),
  'street numbers': repeatTo('Storgata 12, ', ADVERSARIAL_BYTES),
  'hyphens and dots': repeatTo('a-.', ADVERSARIAL_BYTES),
  'arabic-indic digits': repeatTo('٠١٢٣٤ ', ADVERSARIAL_BYTES),
};

function adversarial(): void {
  for (const [name, input] of Object.entries(ADVERSARIAL_INPUTS)) {
    anonymize(input);
    const times: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      anonymize(input);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    print(`adversarial 100 kB ${name.padEnd(22)} median ${times[1]!.toFixed(1)} ms, max ${times[2]!.toFixed(1)} ms`);
  }
}

interface Sentence {
  tokens: string[];
  spaceAfter: boolean[];
  tags: string[];
}

/** One token of a tab-separated line, or undefined for lines that are not tokens (e.g. multi-word ranges). */
type TokenReader = (cols: string[]) => { token: string; spaceAfter: boolean; tag: string } | undefined;

/** Sentences of a CoNLL-style file: one token per line, blank lines between sentences, # comments. */
function readSentences(path: string, readToken: TokenReader): Sentence[] {
  const out: Sentence[] = [];
  let cur: Sentence = { tokens: [], spaceAfter: [], tags: [] };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') {
      if (cur.tokens.length) out.push(cur);
      cur = { tokens: [], spaceAfter: [], tags: [] };
      continue;
    }
    if (line.startsWith('#')) continue;
    const token = readToken(line.split('\t'));
    if (!token) continue;
    cur.tokens.push(token.token);
    cur.spaceAfter.push(token.spaceAfter);
    cur.tags.push(token.tag);
  }
  if (cur.tokens.length) out.push(cur);
  return out;
}

/** NorNE's CoNLL-U: the entity tag is `name=…` in the MISC column. */
const conlluToken: TokenReader = (cols) => {
  if (!/^\d+$/.test(cols[0]!)) return undefined;
  const misc = cols[9] ?? '';
  return { token: cols[1]!, spaceAfter: !misc.includes('SpaceAfter=No'), tag: /name=([^|]+)/.exec(misc)?.[1] ?? 'O' };
};

/** UNER's IOB2: index, token, tag. */
const iob2Token: TokenReader = (cols) => ({ token: cols[1]!, spaceAfter: true, tag: cols[2] ?? 'O' });

/** Share of place-name entity tokens masked (as location, and as anything) when each sentence is anonymized. */
function placeNameRecall(
  label: string,
  sentences: readonly Sentence[],
  types: readonly string[],
  lang: Language,
): void {
  let total = 0;
  let asLocation = 0;
  let asAny = 0;
  const started = performance.now();
  for (const s of sentences) {
    let text = '';
    const offsets: [number, number][] = [];
    s.tokens.forEach((tok, k) => {
      offsets.push([text.length, text.length + tok.length]);
      text += tok + (s.spaceAfter[k] ? ' ' : '');
    });
    if (!s.tags.some((t) => types.includes(t.slice(2)))) continue;
    const { spans } = anonymize(text, { lang });
    s.tags.forEach((tag, k) => {
      if (!types.includes(tag.slice(2))) return;
      total++;
      const [a, b] = offsets[k]!;
      if (covered(text, spans, a, b, 'location')) asLocation++;
      if (covered(text, spans, a, b)) asAny++;
    });
  }
  print(
    `${label}: ${total} place-name tokens, masked as location ${ratio(asLocation, total)}, masked as anything ${ratio(asAny, total)} (${(performance.now() - started).toFixed(0)} ms)`,
  );
}

/** Prints every anonymizer figure: labelled-set recall/precision, keep survival, throughput, adversarial timings, NER place-name recall. */
export async function runAnonymizerBench(): Promise<void> {
  const set = readLabelled();
  for (const item of set)
    if (!isLanguage(item.lang)) throw new Error(`labelled set: bad language ${String(item.lang)}`);
  labelledFigures(set);
  throughput(set);
  adversarial();
  placeNameRecall(
    'NorNE nb test (LOC, GPE_LOC)',
    readSentences(`${DATASETS}/norne/no_bokmaal-ud-test.conllu`, conlluToken),
    ['LOC', 'GPE_LOC'],
    'nb',
  );
  placeNameRecall(
    'UNER Danish DDT test (LOC)',
    readSentences(`${DATASETS}/uner-danish-ddt/da_ddt-ud-test.iob2`, iob2Token),
    ['LOC'],
    'da',
  );
  placeNameRecall(
    'UNER Swedish Talbanken test (LOC)',
    readSentences(`${DATASETS}/uner-swedish-talbanken/sv_talbanken-ud-test.iob2`, iob2Token),
    ['LOC'],
    'sv',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runAnonymizerBench();
