import type { Language } from '@kommunechat/protocol';
import type { CompoundSplitter } from './compound.splitter.ts';
import { foldDiacritics, normalizeText } from './text.normalizer.ts';
import { stemToken } from './token.stemmer.ts';
import { tokenize } from './text.tokenizer.ts';

/** Feature groups; each is scaled to unit length before weighting so long texts do not drown word features. */
export const FEATURE_GROUPS = ['w', 's', 'b', 'c'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

/** How much each group counts in the final vector: words, stems, stem bigrams, character n-grams. */
export type GroupWeights = Readonly<Record<FeatureGroup, number>>;

export const DEFAULT_GROUP_WEIGHTS: GroupWeights = { w: 1, s: 1.5, b: 1, c: 2 };

/** Character n-gram lengths inside words: short enough to survive typos, long enough to find compound parts. */
const CHAR_MIN = 3;
const CHAR_MAX = 5;

/**
 * Named features of one message with their counts, prefixed by group: `w:` diacritic-folded word, `s:` folded
 * stem, `b:` bigram of stems, `c:` character n-gram of the folded word with `<` `>` boundaries. Folding makes
 * "soppelbilen" and "søppelbilen" share every feature; character n-grams let "søppeltømming" share features with
 * "tømming" and "søppel", and keep a typo from losing the whole word. With a `splitter`, the two parts of a
 * compound also count as words and stems.
 */
export function extractFeatures(text: string, language: Language, splitter?: CompoundSplitter): Map<string, number> {
  const features = new Map<string, number>();
  const add = (key: string): void => {
    features.set(key, (features.get(key) ?? 0) + 1);
  };
  const tokens = tokenize(normalizeText(text));
  let previousStem = '<s>';
  for (const token of tokens) {
    const folded = foldDiacritics(token);
    const stem = foldDiacritics(stemToken(token, language));
    add(`w:${folded}`);
    add(`s:${stem}`);
    for (const part of splitter?.(folded) ?? []) {
      add(`w:${part}`);
      add(`s:${foldDiacritics(stemToken(part, language))}`);
    }
    add(`b:${previousStem} ${stem}`);
    previousStem = stem;
    const padded = `<${folded}>`;
    for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
    }
  }
  if (tokens.length > 0) add(`b:${previousStem} </s>`);
  return features;
}
