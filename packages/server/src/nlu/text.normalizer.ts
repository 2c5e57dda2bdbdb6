/** Characters that are invisible but split or join words when pasted from other apps. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;

const FOLDS: Readonly<Record<string, string>> = {
  æ: 'ae',
  ø: 'o',
  å: 'a',
  ä: 'a',
  ö: 'o',
  é: 'e',
  è: 'e',
  ê: 'e',
  ü: 'u',
  á: 'a',
  à: 'a',
  ó: 'o',
  ò: 'o',
  í: 'i',
  ú: 'u',
  ß: 'ss',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'g');

/**
 * NFKC, case folding, invisible characters removed and whitespace collapsed: the form every NLU step works on.
 * @example normalizeText('  Når  KOMMER\u200B søppelbilen ') === 'når kommer søppelbilen'
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Folds Nordic and accented letters to plain ASCII so text typed without diacritics (common on foreign keyboards
 * and phones) meets the same features: `søppelbilen` and `soppelbilen` both become `soppelbilen`.
 * Expects normalised (lower-case) text.
 */
export function foldDiacritics(text: string): string {
  return text.replace(FOLDABLE, (c) => FOLDS[c] ?? c);
}
