import type { Language } from '@kommunechat/protocol';

/** The categories of personal data the anonymizer masks. */
export type PiiCategory =
  'number' | 'email' | 'health' | 'gender' | 'sexual_orientation' | 'political' | 'location' | 'name';

/** Every category, in a stable order. */
export const PII_CATEGORIES: readonly PiiCategory[] = [
  'number',
  'email',
  'health',
  'gender',
  'sexual_orientation',
  'political',
  'location',
  'name',
];

/** The mask word of each category in each language; the token is the word in square brackets. */
export const MASK_WORDS: Record<Language, Record<PiiCategory, string>> = {
  nb: {
    number: 'nummer',
    email: 'e-post',
    health: 'helse',
    gender: 'kjønn',
    sexual_orientation: 'legning',
    political: 'politikk',
    location: 'sted',
    name: 'navn',
  },
  nn: {
    number: 'nummer',
    email: 'e-post',
    health: 'helse',
    gender: 'kjønn',
    sexual_orientation: 'legning',
    political: 'politikk',
    location: 'stad',
    name: 'namn',
  },
  da: {
    number: 'nummer',
    email: 'e-mail',
    health: 'helbred',
    gender: 'køn',
    sexual_orientation: 'seksualitet',
    political: 'politik',
    location: 'sted',
    name: 'navn',
  },
  sv: {
    number: 'nummer',
    email: 'e-post',
    health: 'hälsa',
    gender: 'kön',
    sexual_orientation: 'läggning',
    political: 'politik',
    location: 'plats',
    name: 'namn',
  },
  en: {
    number: 'number',
    email: 'email',
    health: 'health',
    gender: 'gender',
    sexual_orientation: 'orientation',
    political: 'political',
    location: 'location',
    name: 'name',
  },
};

/** The mask token written in place of a span, e.g. `[helse]`. */
export function maskToken(category: PiiCategory, lang: Language): string {
  return `[${MASK_WORDS[lang][category]}]`;
}

/**
 * Mask words of every language (lower case) -> category. A word shared by two categories in different languages
 * would be ambiguous; none is, and the anonymizer test checks it.
 */
export const MASK_WORD_CATEGORY: ReadonlyMap<string, PiiCategory> = new Map(
  Object.values(MASK_WORDS).flatMap((words) =>
    Object.entries(words).map(([category, word]) => [word, category as PiiCategory] as const),
  ),
);

/** Longest mask word, so a tokenizer only looks that far for the closing bracket. */
export const MAX_MASK_WORD_LENGTH = Math.max(...[...MASK_WORD_CATEGORY.keys()].map((w) => w.length));
