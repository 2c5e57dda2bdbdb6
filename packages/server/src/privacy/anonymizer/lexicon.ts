import { readFileSync } from 'node:fs';

/**
 * Word lexicons compiled into tries. Pattern syntax (all lower case): `w` whole word, `w*` the word starts with
 * w, `*w` the word ends with w, `*w*` w anywhere in the word, `a b*` a phrase of words (the last may be a
 * prefix). Hyphenated words are also tried part by part, so `astma-medisin` matches like `astmamedisin`.
 */
export interface WordMatcher {
  readonly exact: ReadonlySet<string>;
  readonly prefix: TrieNode;
  readonly infix: TrieNode;
  /** Built from reversed stems. */
  readonly suffix: TrieNode;
  /** First word -> the phrases starting with it, each as its full word list. */
  readonly phrases: ReadonlyMap<string, readonly (readonly string[])[]>;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  end: boolean;
}

function node(): TrieNode {
  return { next: new Map(), end: false };
}

function insert(root: TrieNode, stem: string): void {
  let n = root;
  for (let i = 0; i < stem.length; i++) {
    const c = stem.charCodeAt(i);
    let child = n.next.get(c);
    if (!child) {
      child = node();
      n.next.set(c, child);
    }
    n = child;
  }
  n.end = true;
}

/** Compiles patterns (see the module comment) into a matcher. */
export function compileWords(patterns: Iterable<string>): WordMatcher {
  const exact = new Set<string>();
  const prefix = node();
  const infix = node();
  const suffix = node();
  const phrases = new Map<string, string[][]>();
  for (const raw of patterns) {
    const p = raw.toLowerCase();
    if (p.includes(' ')) {
      const words = p.split(' ').filter(Boolean);
      const list = phrases.get(words[0]!) ?? [];
      list.push(words);
      phrases.set(words[0]!, list);
      continue;
    }
    const lead = p.startsWith('*');
    const trail = p.endsWith('*') && p.length > 1;
    const stem = p.slice(lead ? 1 : 0, trail ? -1 : undefined);
    if (lead && trail) insert(infix, stem);
    else if (lead) insert(suffix, [...stem].reverse().join(''));
    else if (trail) insert(prefix, stem);
    else exact.add(stem);
  }
  return { exact, prefix, infix, suffix, phrases };
}

function walkForward(root: TrieNode, s: string, from: number, to: number): boolean {
  let n: TrieNode | undefined = root;
  for (let i = from; i < to; i++) {
    n = n.next.get(s.charCodeAt(i));
    if (!n) return false;
    if (n.end) return true;
  }
  return false;
}

function walkBackward(root: TrieNode, s: string, from: number, to: number): boolean {
  let n: TrieNode | undefined = root;
  for (let i = to - 1; i >= from; i--) {
    n = n.next.get(s.charCodeAt(i));
    if (!n) return false;
    if (n.end) return true;
  }
  return false;
}

/** Whether one lower-case word matches a single-word pattern. Linear in the word length times the deepest stem. */
export function matchesWord(m: WordMatcher, word: string): boolean {
  if (m.exact.has(word)) return true;
  if (m.infix.next.size > 0) {
    for (let i = 0; i < word.length; i++) if (walkForward(m.infix, word, i, word.length)) return true;
  }
  let partStart = 0;
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length && word.charCodeAt(i) !== 0x2d) continue;
    if (walkForward(m.prefix, word, partStart, word.length) || walkBackward(m.suffix, word, partStart, i)) return true;
    if (i - partStart < word.length && m.exact.has(word.slice(partStart, i))) return true;
    partStart = i + 1;
  }
  return false;
}

/** Whether a phrase word (`w` or `w*`) accepts a lower-case word. */
export function phraseWordMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;
}

const here = new URL('./lexicons/', import.meta.url);

/** Reads one lexicon file; lexicons are data versioned with the recognisers (see ANONYMIZER_VERSION). */
export function readLexicon<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, here), 'utf8')) as T;
}

/** Flattens per-language lists (`{"nb": [...], "en": [...]}`) into one list. */
export function allLanguages(lists: Record<string, readonly string[]>): string[] {
  return Object.values(lists).flat();
}
