import { LANGUAGES, type Language } from '@kommunechat/protocol';
import { foldDiacritics, normalizeText } from './text.normalizer.ts';
import { tokenize } from './text.tokenizer.ts';

/** Evidence for each language learned from labelled messages, as posterior probabilities summing to 1. */
export interface LanguageModel {
  evidence(text: string): Record<Language, number>;
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
  const v = vocabulary.size;
  return {
    evidence(text) {
      const features = languageFeatures(text).filter((f) => vocabulary.has(f));
      const logs = known.map((lang) => {
        const table = counts.get(lang)!;
        const denominator = Math.log((totals.get(lang) ?? 0) + v);
        let sum = 0;
        for (const f of features) sum += Math.log((table.get(f) ?? 0) + 1) - denominator;
        return sum / TEMPERATURE;
      });
      const max = Math.max(...logs);
      const exps = logs.map((l) => Math.exp(l - max));
      const z = exps.reduce((a, b) => a + b, 0);
      const out: Record<Language, number> = { nb: 0, nn: 0, da: 0, sv: 0, en: 0 };
      if (features.length === 0) return out;
      known.forEach((lang, i) => (out[lang] = exps[i]! / z));
      return out;
    },
  };
}
