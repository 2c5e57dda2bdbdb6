import { PRIORITY, type Candidate, type RecognizerInput } from './candidate.ts';
import { readLexicon } from './lexicon.ts';
import { matchPhraseEndingAt, nextSig, prevSig, sentenceInitial, type Token } from './tokens.ts';

interface NameLexicon {
  first: string[];
  ambiguousFirst: string[];
  surnames: string[];
  surnameSuffixes: string[];
}
interface CueLexicon {
  introductions: string[];
  weakIntroductions: string[];
  signatures: string[];
  relations: string[];
  relationPossessives: string[];
  callVerbs: string[];
  titles: string[];
  nonNames: string[];
  stopwords: string[];
}

const names = readLexicon<NameLexicon>('names');
const cues = readLexicon<CueLexicon>('cues');
const firstNames = new Set(names.first);
const ambiguousFirst = new Set(names.ambiguousFirst);
const surnames = new Set(names.surnames);
const surnameSuffixes = names.surnameSuffixes;
const nonNames = new Set(cues.nonNames);
const stopwords = new Set(cues.stopwords);
const titles = new Set(cues.titles);
const relationPossessives = new Set(cues.relationPossessives);

/** Cue phrases indexed by their last word, so checking a token costs one map lookup. */
type CueIndex = ReadonlyMap<string, readonly string[][]>;

function phrases(list: readonly string[]): CueIndex {
  const index = new Map<string, string[][]>();
  for (const cue of list) {
    const words = cue.replace(/:$/, '').split(' ').filter(Boolean);
    const last = words[words.length - 1]!;
    index.set(last, [...(index.get(last) ?? []), words]);
  }
  return index;
}
const introductions = phrases(cues.introductions);
const weakIntroductions = phrases(cues.weakIntroductions);
const signatures = phrases(cues.signatures);
const relations = phrases(cues.relations);
const callVerbs = phrases(cues.callVerbs);
/** Last words of every cue: a lower-case word outside this set cannot start or be a name. */
const cueLastWords = new Set(
  [introductions, weakIntroductions, signatures, relations, callVerbs].flatMap((index) => [...index.keys()]),
);

/** Single-word introductions ("heter", "called") also introduce things that are not people; they need a capital. */
const SINGLE_WORD_INTRODUCTIONS = new Set(cues.introductions.filter((c) => !c.replace(/:$/, '').includes(' ')));
const multiWordIntroductions = phrases(cues.introductions.filter((c) => c.replace(/:$/, '').includes(' ')));
const MAX_EXTRA_NAME_WORDS = 2;
const STANDALONE_SURNAME_SUFFIXES = ['sen', 'ssen', 'sson'];
const MIN_STANDALONE_SURNAME = 6;

function isWord(t: Token | undefined): t is Token {
  return t?.kind === 'word';
}

function isOrdinary(t: Token): boolean {
  return stopwords.has(t.folded) || nonNames.has(t.folded);
}

function looksLikeSurname(t: Token): boolean {
  return (
    surnames.has(t.folded) ||
    (t.cap && surnameSuffixes.some((s) => t.folded.length > s.length + 1 && t.folded.endsWith(s)))
  );
}

/** Token j, if the cue ending at i is directly followed by it (after an optional ':' ',' or '-'). */
function afterCue(tokens: readonly Token[], i: number): number {
  let j = nextSig(tokens, i, true);
  const t = tokens[j];
  if (t?.kind === 'punct' && (t.folded === ':' || t.folded === ',' || t.folded === '-' || t.folded === '–'))
    j = nextSig(tokens, j, true);
  return j;
}

function anyCueEndsAt(tokens: readonly Token[], i: number, index: CueIndex): number {
  for (const words of index.get(tokens[i]!.folded) ?? []) {
    const first = matchPhraseEndingAt(tokens, i, words);
    if (first >= 0) return first;
  }
  return -1;
}

/** Extends a name at token i over following surname-like words; returns the last token index. */
function extendName(tokens: readonly Token[], i: number, allowLowercaseSurname: boolean): number {
  let last = i;
  for (let n = 0; n < MAX_EXTRA_NAME_WORDS; n++) {
    const j = nextSig(tokens, last);
    const t = tokens[j];
    if (!isWord(t) || tokens[j - 1]!.kind !== 'space' || isOrdinary(t)) break;
    if (!(t.cap || (allowLowercaseSurname && (surnames.has(t.folded) || firstNames.has(t.folded))))) break;
    const after = tokens[nextSig(tokens, j)];
    if (isWord(after) && (after.folded === 'kommune' || after.folded === 'kommun' || after.folded === 'municipality'))
      break;
    last = j;
  }
  return last;
}

/**
 * Person names: after introductions ("jeg heter", "my name is"), sign-offs ("Mvh"), relations ("min mor"),
 * call verbs ("ring til") and titles; capitalised first names from the lexicon (ambiguous ones such as "Per" or
 * "May" only mid-sentence); capitalised -sen/-sson surnames mid-sentence. Names extend over following surnames.
 */
export function recognizeNames({ tokens }: RecognizerInput): Candidate[] {
  const out: Candidate[] = [];
  const push = (from: number, to: number) =>
    out.push({ start: tokens[from]!.start, end: tokens[to]!.end, category: 'name', priority: PRIORITY.name });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || (!t.cap && !cueLastWords.has(t.folded) && !titles.has(t.folded))) continue;

    // Strong cues: the next word is a name even in lower case, unless it is a function word.
    if (anyCueEndsAt(tokens, i, introductions) >= 0 || isSignature(tokens, i)) {
      const j = afterCue(tokens, i);
      const n = tokens[j];
      const singleWord = SINGLE_WORD_INTRODUCTIONS.has(t.folded) && anyCueEndsAt(tokens, i, multiWordIntroductions) < 0;
      if (
        isWord(n) &&
        !stopwords.has(n.folded) &&
        (!nonNames.has(n.folded) || firstNames.has(n.folded)) &&
        (n.cap || !singleWord)
      ) {
        push(j, extendName(tokens, j, !n.cap));
        continue;
      }
    }
    // Relations: a capitalised word after "min mor", "sønnen min", "my neighbour".
    const relationStart = anyCueEndsAt(tokens, i, relations);
    if (relationStart >= 0) {
      let j = afterCue(tokens, i);
      if (isWord(tokens[j]) && relationPossessives.has(tokens[j]!.folded)) j = afterCue(tokens, j);
      const n = tokens[j];
      if (isWord(n) && n.cap && !isOrdinary(n)) push(j, extendName(tokens, j, false));
    }
    // Call verbs, weak introductions and titles: the next word must be a known name.
    if (anyCueEndsAt(tokens, i, callVerbs) >= 0 || anyCueEndsAt(tokens, i, weakIntroductions) >= 0) {
      const j = afterCue(tokens, i);
      const n = tokens[j];
      if (
        isWord(n) &&
        ((n.cap && (firstNames.has(n.folded) || looksLikeSurname(n))) ||
          (!n.cap && firstNames.has(n.folded) && !ambiguousFirst.has(n.folded) && !stopwords.has(n.folded)))
      )
        push(j, extendName(tokens, j, !n.cap));
    }
    if (titles.has(t.folded)) {
      let j = nextSig(tokens, i);
      if (tokens[j]?.kind === 'punct' && tokens[j]!.folded === '.') j = nextSig(tokens, j);
      const n = tokens[j];
      if (isWord(n) && n.cap && !isOrdinary(n)) push(j, extendName(tokens, j, false));
    }
    if (!t.cap) continue;
    // Lexicon names.
    const next = tokens[nextSig(tokens, i)];
    const beforeMunicipality =
      isWord(next) && (next.folded === 'kommune' || next.folded === 'kommun' || next.folded === 'municipality');
    if (beforeMunicipality) continue;
    if (firstNames.has(t.folded) && !nonNames.has(t.folded)) {
      const ambiguous = ambiguousFirst.has(t.folded);
      const withSurname = isWord(next) && next.cap && looksLikeSurname(next);
      if (!ambiguous || withSurname || !sentenceInitial(tokens, i)) push(i, extendName(tokens, i, false));
      continue;
    }
    if (
      t.folded.length >= MIN_STANDALONE_SURNAME &&
      STANDALONE_SURNAME_SUFFIXES.some((s) => t.folded.endsWith(s)) &&
      !sentenceInitial(tokens, i) &&
      !isOrdinary(t)
    ) {
      push(i, extendName(tokens, i, false));
    }
  }
  return out;
}

/** A sign-off at the start of a line or sentence ("Mvh", "Med vennlig hilsen", "Kind regards,"). */
function isSignature(tokens: readonly Token[], i: number): boolean {
  const first = anyCueEndsAt(tokens, i, signatures);
  if (first < 0) return false;
  const p = prevSig(tokens, first);
  if (p < 0) return true;
  const before = tokens[p]!;
  return before.kind === 'punct' && '.!?,;)'.includes(before.folded);
}
