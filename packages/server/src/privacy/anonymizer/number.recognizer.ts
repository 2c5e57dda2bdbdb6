import { PRIORITY, type Candidate, type RecognizerInput } from './candidate.ts';
import type { Token } from './tokens.ts';

/** More digits than this, counted across separators, make a number personal (phone, national ID, account). */
const MAX_FREE_DIGITS = 6;
const DASHES = new Set(['-', '‐', '‑', '‒', '–', '—', '−']);
const MAX_SEPARATOR_SPACES = 2;

function isSeparatorPunct(ch: string): boolean {
  return ch === '.' || ch === '+' || DASHES.has(ch);
}

/** The separator between two digit groups: the punctuation character in it (if any) and whether it had spaces. */
interface Separator {
  punct: string;
  spaced: boolean;
}

/**
 * From digit group `i`, returns the index of the next group joined to it by a separator (up to two spaces, one of
 * . + and dashes, or both), or -1. Fills `sep` with what joined them.
 */
function nextGroup(tokens: readonly Token[], i: number, sep: Separator): number {
  let punct = '';
  let spaced = false;
  for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
    const t = tokens[j]!;
    if (t.kind === 'num') {
      sep.punct = punct;
      sep.spaced = spaced;
      return j;
    }
    if (t.kind === 'space' && !t.newline && t.end - t.start <= MAX_SEPARATOR_SPACES) spaced = true;
    else if (t.kind === 'punct' && punct === '' && isSeparatorPunct(t.folded)) punct = t.folded;
    else return -1;
  }
  return -1;
}

function isTimePart(tokens: readonly Token[], g: number): boolean {
  const before = tokens[g - 1];
  const after = tokens[g + 1];
  return (
    (before?.kind === 'punct' && before.folded === ':' && tokens[g - 2]?.kind === 'num') ||
    (after?.kind === 'punct' && after.folded === ':' && tokens[g + 2]?.kind === 'num')
  );
}

function isDateSeparator(sep: Separator | undefined, punct?: string): boolean {
  return (
    sep !== undefined &&
    !sep.spaced &&
    (sep.punct === '.' || DASHES.has(sep.punct)) &&
    (punct === undefined || sep.punct === punct)
  );
}

/**
 * Whether groups k, k+1, k+2 form a date (d.m.yy(yy), d-m-yyyy or yyyy-mm-dd) that is not part of a longer
 * chain with the same separator (12-34-56-78 is a phone number, not a date).
 */
function isDateAt(groups: readonly string[], seps: readonly Separator[], k: number): boolean {
  if (k + 2 >= groups.length) return false;
  const s1 = seps[k];
  const s2 = seps[k + 1];
  if (!isDateSeparator(s1) || !isDateSeparator(s2, s1!.punct)) return false;
  if (isDateSeparator(seps[k + 2], s1!.punct) || isDateSeparator(seps[k - 1], s1!.punct)) return false;
  const [a, b, c] = [groups[k]!, groups[k + 1]!, groups[k + 2]!];
  if (a.length <= 2 && b.length <= 2 && (c.length === 2 || c.length === 4)) {
    const day = Number(a);
    const month = Number(b);
    return day >= 1 && day <= 31 && month >= 1 && month <= 12;
  }
  if (a.length === 4 && b.length === 2 && c.length === 2 && DASHES.has(s1!.punct)) {
    const year = Number(a);
    const month = Number(b);
    const day = Number(c);
    return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }
  return false;
}

function isYear(group: string): boolean {
  return group.length === 4 && (group.startsWith('19') || group.startsWith('20'));
}

/**
 * Numbers of more than six digits, counted across spaces, dots, dashes and a leading +country code. Dates and
 * times inside a run split it, so "12.03.2025 14:30" stays two short numbers; a year range "2020-2025" is kept.
 */
export function recognizeNumbers({ tokens }: RecognizerInput): Candidate[] {
  const out: Candidate[] = [];
  const sep: Separator = { punct: '', spaced: false };
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]!.kind !== 'num') {
      i++;
      continue;
    }
    const groupIdx = [i];
    const seps: Separator[] = [];
    let j = nextGroup(tokens, i, sep);
    while (j >= 0) {
      groupIdx.push(j);
      seps.push({ ...sep });
      j = nextGroup(tokens, j, sep);
    }
    const groups = groupIdx.map((g) => tokens[g]!.folded);
    const excluded = new Array<boolean>(groups.length).fill(false);
    for (let k = 0; k < groups.length; k++) {
      if (isTimePart(tokens, groupIdx[k]!)) excluded[k] = true;
      if (isDateAt(groups, seps, k)) excluded[k] = excluded[k + 1] = excluded[k + 2] = true;
    }
    let k = 0;
    while (k < groups.length) {
      if (excluded[k]) {
        k++;
        continue;
      }
      let end = k;
      let digits = groups[k]!.length;
      while (end + 1 < groups.length && !excluded[end + 1]) {
        end++;
        digits += groups[end]!.length;
      }
      const yearRange = end === k + 1 && isYear(groups[k]!) && isYear(groups[end]!) && DASHES.has(seps[k]!.punct);
      if (digits > MAX_FREE_DIGITS && !yearRange) {
        const first = tokens[groupIdx[k]!]!;
        const plus = tokens[groupIdx[k]! - 1];
        const start =
          plus?.kind === 'punct' && plus.folded === '+' && plus.end === first.start ? plus.start : first.start;
        out.push({ start, end: tokens[groupIdx[end]!]!.end, category: 'number', priority: PRIORITY.number });
      }
      k = end + 1;
    }
    i = groupIdx[groupIdx.length - 1]! + 1;
  }
  return out;
}

const MAX_IBAN_LENGTH = 34;

/** IBANs and similar codes with letters: two capitals and two digits, then groups of capitals and digits. */
export function recognizeIbans({ text, tokens }: RecognizerInput): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const head = tokens[i]!;
    const check = tokens[i + 1]!;
    if (
      head.kind !== 'word' ||
      head.end - head.start !== 2 ||
      check.kind !== 'num' ||
      check.start !== head.end ||
      check.end - check.start !== 2
    )
      continue;
    const headText = text.slice(head.start, head.end);
    if (headText !== headText.toUpperCase()) continue;
    let length = 4;
    let digits = 2;
    let end = check.end;
    let j = i + 2;
    while (j < tokens.length && length < MAX_IBAN_LENGTH) {
      let t = tokens[j]!;
      if (t.kind === 'space') {
        if (t.newline || t.end - t.start > 1 || j + 1 >= tokens.length) break;
        t = tokens[++j]!;
      }
      const upper =
        t.kind === 'word' &&
        t.end - t.start <= 4 &&
        text.slice(t.start, t.end) === text.slice(t.start, t.end).toUpperCase();
      if (t.kind !== 'num' && !upper) break;
      if (t.kind === 'num') digits += t.end - t.start;
      length += t.end - t.start;
      end = t.end;
      j++;
    }
    if (digits > MAX_FREE_DIGITS && length >= 15)
      out.push({ start: head.start, end, category: 'number', priority: PRIORITY.iban });
  }
  return out;
}
