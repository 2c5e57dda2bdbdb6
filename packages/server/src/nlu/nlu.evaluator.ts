import { COUNTRY_LANGUAGES, type Language } from '@kommunechat/protocol';
import type { ClassifyContext } from './nlu.types.ts';
import { OUT_OF_SCOPE, type NluModel, type TrainingExample } from './nlu.types.ts';

/** The `nlu-eval` metrics object of DESIGN.md. */
export interface NluEvaluation {
  /** Test items. */
  n: number;
  /** Share of in-scope items whose top intent is right and that were not rejected as out of scope. */
  inScopeAccuracy: number;
  /** Share of out-of-scope items rejected. */
  oosRecall: number;
  /** Share of rejections that were out-of-scope items. */
  oosPrecision: number;
  /** In-scope accuracy per language (the item's `lang`, else the detected language); n counts in-scope items. */
  byLang: Partial<Record<Language, { n: number; accuracy: number }>>;
  msPerMessage: { p50: number; p99: number };
  trainMs: number;
}

/**
 * The context a citizen writing in `lang` would have: the languages of the municipality's country (an English item
 * could come from any country, so it gets none). Giving the item's own language alone would hide nb/nn mistakes.
 */
function contextFor(lang: Language | undefined): ClassifyContext {
  if (!lang || lang === 'en') return {};
  const languages = Object.values(COUNTRY_LANGUAGES).find((ls) => (ls as readonly Language[]).includes(lang));
  return languages ? { languages } : {};
}

const round = (v: number, digits = 4): number => Math.round(v * 10 ** digits) / 10 ** digits;

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Classifies every test item once, timing each call, and computes the DESIGN.md metrics.
 * `trainMs` is passed through, as only the caller saw the training.
 */
export function evaluateNlu(model: NluModel, tests: readonly TrainingExample[], trainMs = 0): NluEvaluation {
  let inScope = 0;
  let inScopeCorrect = 0;
  let oos = 0;
  let oosRejected = 0;
  let rejected = 0;
  const byLang = new Map<Language, { n: number; correct: number }>();
  const times: number[] = [];
  for (const test of tests) {
    const start = performance.now();
    const result = model.classify(test.text, contextFor(test.lang));
    times.push(performance.now() - start);
    if (result.outOfScope) rejected++;
    if (test.intent === OUT_OF_SCOPE) {
      oos++;
      if (result.outOfScope) oosRejected++;
      continue;
    }
    const correct = !result.outOfScope && result.intents[0]?.intent === test.intent;
    inScope++;
    if (correct) inScopeCorrect++;
    const lang = test.lang ?? result.language;
    const stats = byLang.get(lang) ?? { n: 0, correct: 0 };
    stats.n++;
    if (correct) stats.correct++;
    byLang.set(lang, stats);
  }
  times.sort((a, b) => a - b);
  return {
    n: tests.length,
    inScopeAccuracy: round(inScope ? inScopeCorrect / inScope : 0),
    oosRecall: round(oos ? oosRejected / oos : 0),
    oosPrecision: round(rejected ? oosRejected / rejected : oos ? 0 : 1),
    byLang: Object.fromEntries(
      [...byLang.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([lang, s]) => [lang, { n: s.n, accuracy: round(s.correct / s.n) }]),
    ),
    msPerMessage: { p50: round(percentile(times, 0.5), 3), p99: round(percentile(times, 0.99), 3) },
    trainMs: Math.round(trainMs),
  };
}
