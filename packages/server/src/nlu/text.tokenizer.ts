/** Letters and digits, keeping inner apostrophes and hyphens out: "e-post" gives ["e", "post"]. */
const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * Splits normalised text into word tokens (letters and digits; punctuation and emoji are separators).
 * @example tokenize('hvor er nærmeste gjenvinningsstasjon?') // ['hvor', 'er', 'nærmeste', 'gjenvinningsstasjon']
 */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}
