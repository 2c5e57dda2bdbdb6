import { MASK_WORD_CATEGORY, MAX_MASK_WORD_LENGTH, type PiiCategory } from './masks.ts';
import { phraseWordMatches } from './lexicon.ts';

/** word: letters with inner hyphens/apostrophes; num: ASCII digits (after folding); mask: an existing mask token. */
export type TokenKind = 'word' | 'num' | 'space' | 'punct' | 'mask';

/** One token of the normalised text; offsets index the normalised text. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Lower-case, digit-folded form. */
  folded: string;
  /** The word starts with an upper-case letter. */
  cap: boolean;
  /** A space token that contains a line break. */
  newline: boolean;
  /** For mask tokens: the category they stand for. */
  category?: PiiCategory;
}

const LETTER = /^[\p{L}\p{M}]$/u;
const letterCache = new Uint8Array(0x10000); // 0 unknown, 1 letter, 2 not a letter

function isLetter(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c >= 0xd800 && c <= 0xdbff) return LETTER.test(String.fromCodePoint(s.codePointAt(i)!));
  let known = letterCache[c]!;
  if (known === 0) {
    known = LETTER.test(s[i]!) ? 1 : 2;
    letterCache[c] = known;
  }
  return known === 1;
}

function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const JOINERS = new Set([0x2d, 0x27, 0x2019]); // - ' ’

/** Splits normalised text into tokens in one pass. */
export function tokenize(text: string, folded: string): Token[] {
  const tokens: Token[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    const start = i;
    if (isSpace(c)) {
      let newline = false;
      while (i < n && isSpace(folded.charCodeAt(i))) {
        const s = folded.charCodeAt(i);
        if (s === 0x0a || s === 0x0d || s === 0x2028 || s === 0x2029) newline = true;
        i++;
      }
      tokens.push({ kind: 'space', start, end: i, folded: ' ', cap: false, newline });
    } else if (isDigit(c)) {
      while (i < n && isDigit(folded.charCodeAt(i))) i++;
      tokens.push({ kind: 'num', start, end: i, folded: folded.slice(start, i), cap: false, newline: false });
    } else if (isLetter(folded, i)) {
      while (i < n) {
        if (isLetter(folded, i)) i += folded.charCodeAt(i) >= 0xd800 && folded.charCodeAt(i) <= 0xdbff ? 2 : 1;
        else if (JOINERS.has(folded.charCodeAt(i)) && i + 1 < n && isLetter(folded, i + 1)) i++;
        else break;
      }
      const firstCode = text.charCodeAt(start);
      const cap = firstCode < 0x80 ? firstCode >= 0x41 && firstCode <= 0x5a : text[start] !== folded[start];
      tokens.push({ kind: 'word', start, end: i, folded: folded.slice(start, i), cap, newline: false });
    } else if (c === 0x5b) {
      // Bounded look-ahead: a run of '[' must not make this quadratic.
      let close = -1;
      for (let k = i + 1; k < n && k <= i + MAX_MASK_WORD_LENGTH + 1; k++) {
        if (folded.charCodeAt(k) === 0x5d) {
          close = k;
          break;
        }
      }
      const category = close > i ? MASK_WORD_CATEGORY.get(folded.slice(i + 1, close)) : undefined;
      if (category) {
        i = close + 1;
        tokens.push({
          kind: 'mask',
          start,
          end: i,
          folded: folded.slice(start, i),
          cap: false,
          newline: false,
          category,
        });
      } else {
        i++;
        tokens.push({ kind: 'punct', start, end: i, folded: '[', cap: false, newline: false });
      }
    } else {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      tokens.push({
        kind: 'punct',
        start,
        end: i,
        folded: i - start === 1 ? folded[start]! : folded.slice(start, i),
        cap: false,
        newline: false,
      });
    }
  }
  return tokens;
}

/** Index of the next token after `i` that is not a space on the same line, or -1. */
export function nextSig(tokens: readonly Token[], i: number, crossLines = false): number {
  let j = i + 1;
  if (j < tokens.length && tokens[j]!.kind === 'space') {
    if (tokens[j]!.newline && !crossLines) return -1;
    j++;
  }
  return j < tokens.length ? j : -1;
}

/** Index of the previous token before `i` that is not a space on the same line, or -1. */
export function prevSig(tokens: readonly Token[], i: number, crossLines = false): number {
  let j = i - 1;
  if (j >= 0 && tokens[j]!.kind === 'space') {
    if (tokens[j]!.newline && !crossLines) return -1;
    j--;
  }
  return j;
}

/**
 * Matches a phrase (lower-case words, the last may end with `*`) starting at word token `i`, words separated by
 * single spaces. Returns the index of the last token of the phrase, or -1.
 */
export function matchPhrase(tokens: readonly Token[], i: number, words: readonly string[]): number {
  let j = i;
  for (let w = 0; w < words.length; w++) {
    if (w > 0) {
      j = nextSig(tokens, j);
      if (j < 0) return -1;
    }
    const t = tokens[j]!;
    if (t.kind !== 'word' || !phraseWordMatches(words[w]!, t.folded)) return -1;
  }
  return j;
}

/**
 * Matches a phrase that ENDS at word token `i` (the phrase's words read backwards). Returns the index of the
 * phrase's first token, or -1.
 */
export function matchPhraseEndingAt(tokens: readonly Token[], i: number, words: readonly string[]): number {
  let j = i;
  for (let w = words.length - 1; w >= 0; w--) {
    if (w < words.length - 1) {
      j = prevSig(tokens, j);
      if (j < 0) return -1;
    }
    const t = tokens[j]!;
    if (t.kind !== 'word' || t.folded !== words[w]) return -1;
  }
  return j;
}

/** Abbreviations after which a full stop does not end a sentence ("2. th. Kari", "kl. 14"). */
const ABBREVIATIONS = new Set([
  'th',
  'tv',
  'mf',
  'st',
  'sal',
  'nr',
  'kl',
  'ca',
  'dvs',
  'osv',
  'bl',
  'mr',
  'mrs',
  'ms',
  'dr',
  'fru',
  'hr',
  'jf',
  'evt',
  'etc',
  'vs',
  'ref',
  'tlf',
  'tel',
  'mob',
  'adr',
  'etg',
  'lgh',
  'gt',
  'vn',
  'pga',
  'mht',
  'iht',
  'ang',
]);

/** Whether word token `i` starts a sentence (message start, new line, or after . ! ? : or a bullet). */
export function sentenceInitial(tokens: readonly Token[], i: number): boolean {
  const j = prevSig(tokens, i);
  if (j < 0) return true;
  const t = tokens[j]!;
  if (t.kind !== 'punct') return false;
  const ch = t.folded;
  if (
    ch === '!' ||
    ch === '?' ||
    ch === ':' ||
    ch === '•' ||
    ch === '*' ||
    ch === '"' ||
    ch === '(' ||
    ch === '-' ||
    ch === '–' ||
    ch === '«' ||
    ch === '“'
  )
    return true;
  if (ch !== '.') return false;
  const k = j - 1;
  return !(
    k >= 0 &&
    tokens[k]!.kind === 'word' &&
    (ABBREVIATIONS.has(tokens[k]!.folded) || tokens[k]!.folded.length === 1)
  );
}
