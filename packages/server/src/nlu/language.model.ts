import { LANGUAGES, type Language } from '@kommunechat/protocol';
import { foldDiacritics, normalizeText } from './text.normalizer.ts';
import { tokenize } from './text.tokenizer.ts';

/** Evidence for each language learned from labelled messages, as posterior probabilities summing to 1. */
export interface LanguageModel {
  /** What the model is made of, as plain data (see languageModelFrom). */
  readonly parameters: LanguageModelParameters;
  evidence(text: string): Record<Language, number>;
}

/** A trained language model as plain, structured-clone safe data. */
export interface LanguageModelParameters {
  /** The languages of the training messages, in the order of each row's weights. */
  readonly languages: readonly Language[];
  /** Row of each feature in `weights`. */
  readonly rows: ReadonlyMap<string, number>;
  /** Tempered log-likelihood of each (feature, language): row-major, one row per feature. */
  readonly weights: Float64Array;
}

/**
 * Each word, and the character 3- and 4-grams of its diacritic-free form with boundaries (so a message typed
 * without æøå still matches, and words with diacritics do not count twice).
 */
function languageFeatures(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(normalizeText(text))) {
    const folded = foldDiacritics(token);
    out.push(`w:${folded}`);
    const padded = ` ${folded} `;
    for (const n of [3, 4]) for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}

/** Posteriors are tempered so that a long message cannot outvote everything else with false certainty. */
const TEMPERATURE = 4;

/**
 * A multinomial naive Bayes language model over words and character n-grams, trained on the answer base's own
 * phrases. It knows what franc's generic profiles do not: e.g. that "opningstider", "treng" and "vassmålar" are
 * nynorsk. Returns undefined when the examples carry fewer than two languages.
 */
export function trainLanguageModel(
  examples: readonly { text: string; lang?: Language | undefined }[],
): LanguageModel | undefined {
  const counts = new Map<Language, Map<string, number>>();
  const totals = new Map<Language, number>();
  const vocabulary = new Set<string>();
  for (const e of examples) {
    if (!e.lang) continue;
    const table = counts.get(e.lang) ?? new Map<string, number>();
    counts.set(e.lang, table);
    for (const f of languageFeatures(e.text)) {
      table.set(f, (table.get(f) ?? 0) + 1);
      totals.set(e.lang, (totals.get(e.lang) ?? 0) + 1);
      vocabulary.add(f);
    }
  }
  const known = LANGUAGES.filter((l) => counts.has(l));
  if (known.length < 2) return undefined;
  // One lookup per feature at classification time: the tempered log-likelihood of each known language.
  const v = vocabulary.size;
  const denominators = known.map((lang) => Math.log((totals.get(lang) ?? 0) + v));
  // Rows of one flat array, so the model is two objects for the garbage collector rather than one per feature.
  const row = new Map<string, number>();
  const weights = new Float64Array(vocabulary.size * known.length);
  for (const f of vocabulary) {
    const r = row.size;
    row.set(f, r);
    known.forEach((lang, k) => {
      weights[r * known.length + k] = (Math.log((counts.get(lang)!.get(f) ?? 0) + 1) - denominators[k]!) / TEMPERATURE;
    });
  }
  return languageModelFrom({ languages: known, rows: row, weights });
}

/** The language model made of these parameters (e.g. trained in a worker thread and posted back). */
export function languageModelFrom(parameters: LanguageModelParameters): LanguageModel {
  const { languages: known, rows: row, weights } = parameters;
  return {
    parameters,
    evidence(text) {
      const logs = new Float64Array(known.length);
      let seen = 0;
      for (const f of languageFeatures(text)) {
        const r = row.get(f);
        if (r === undefined) continue;
        seen++;
        for (let k = 0; k < known.length; k++) logs[k]! += weights[r * known.length + k]!;
      }
      const out: Record<Language, number> = { nb: 0, nn: 0, da: 0, sv: 0, en: 0 };
      if (seen === 0) return out;
      const max = Math.max(...logs);
      let z = 0;
      for (let k = 0; k < logs.length; k++) z += logs[k] = Math.exp(logs[k]! - max);
      known.forEach((lang, k) => (out[lang] = logs[k]! / z));
      return out;
    },
  };
}
