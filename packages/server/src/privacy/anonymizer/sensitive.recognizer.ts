import { PRIORITY, type Candidate, type RecognizerInput } from './candidate.ts';
import { allLanguages, compileWords, matchesWord, readLexicon, type WordMatcher } from './lexicon.ts';
import type { PiiCategory } from './masks.ts';
import { matchPhrase, matchPhraseEndingAt, nextSig, prevSig, sentenceInitial, type Token } from './tokens.ts';

type PerLanguage = Record<string, string[]>;

interface HealthLexicon {
  always: PerLanguage;
  except: PerLanguage;
}
interface FramedLexicon {
  always: PerLanguage;
  frame: PerLanguage;
}
interface PoliticalLexicon extends FramedLexicon {
  ambiguous: string[];
  ambiguousNeedContext: string[];
  abbreviations: { strong: string[]; weak: string[]; letters: string[] };
  voteCues: string[];
  votePrepositions: string[];
  supportCues: string[];
  contextWords: string[];
  sideWords: string[];
  directionWords: string[];
}
interface CueLexicon {
  copulas: string[];
  negations: string[];
  articles: string[];
  expletives: string[];
  genderFields: string[];
}

// Every language's lexicon is applied to every message: citizens mix languages, and the words that would be
// ambiguous across languages ("man", "venstre") are only used in frames or contexts, never bare.
const health = readLexicon<HealthLexicon>('health');
const gender = readLexicon<FramedLexicon>('gender');
const orientation = readLexicon<FramedLexicon>('orientation');
const political = readLexicon<PoliticalLexicon>('political');
const cues = readLexicon<CueLexicon>('cues');

interface CategoryLexicon {
  category: PiiCategory;
  always: WordMatcher;
  frame: WordMatcher;
  except?: WordMatcher;
}

const CATEGORIES: readonly CategoryLexicon[] = [
  {
    category: 'sexual_orientation',
    always: compileWords(allLanguages(orientation.always)),
    frame: compileWords(allLanguages(orientation.frame)),
  },
  {
    category: 'gender',
    always: compileWords(allLanguages(gender.always)),
    frame: compileWords(allLanguages(gender.frame)),
  },
  {
    category: 'political',
    always: compileWords(allLanguages(political.always)),
    frame: compileWords(allLanguages(political.frame)),
  },
  {
    category: 'health',
    always: compileWords(allLanguages(health.always)),
    frame: compileWords([]),
    except: compileWords(allLanguages(health.except)),
  },
];
const POLITICAL = 2;
const politicalAlways = CATEGORIES[POLITICAL]!.always;

interface WordLookup {
  /** Per entry of CATEGORIES: the word is always masked (and not a service-word exception). */
  always: boolean[];
  /** Per entry of CATEGORIES: the word is masked inside a copula frame. */
  frame: boolean[];
  /** The word makes the message about politics. */
  context: boolean;
  /** Any rule below could fire on this word whatever its case (lexicon, phrase start, cue, ambiguous party). */
  relevant: boolean;
}

const ambiguousParties = new Set(political.ambiguous);
const contextParties = new Set(political.ambiguousNeedContext);
const strongAbbreviations = new Set(political.abbreviations.strong);
const weakAbbreviations = new Set(political.abbreviations.weak);
const letterAbbreviations = new Set(political.abbreviations.letters);
const voteCues = new Set(political.voteCues);
const votePrepositions = new Set(political.votePrepositions);
const supportCues = new Map<string, string[][]>();
for (const cue of political.supportCues) {
  const words = cue.split(' ');
  const last = words[words.length - 1]!;
  supportCues.set(last, [...(supportCues.get(last) ?? []), words]);
}
const contextWords = compileWords(political.contextWords);
const sideWords = new Set(political.sideWords);
const directionWords = new Set(political.directionWords);
const LIST_JOINERS = new Set(['og', 'eller', 'or', 'and', 'och', 'samt', 'el', 'og/eller']);
const PARTY_FILLERS = new Set(['partiet', 'parti', 'party', 'the']);

const copulas = cues.copulas.map((c) => c.split(' '));
const selfContainedCopulas = new Set(["i'm", 'im', "he's", "she's", "they're", "we're", "you're", "hen's"]);
const negations = new Set(cues.negations);
const articles = new Set(cues.articles);
const expletives = new Set(cues.expletives);
const genderFields = new Set(cues.genderFields);
const MAX_FRAME_FILLERS = 3;

function isWord(t: Token | undefined): t is Token {
  return t?.kind === 'word';
}

/**
 * Whether word token i is the complement of a copula with a personal subject ("jeg er (ikke) (en) (ung) X",
 * "I identify as X", "kjønn: X"). Expletive subjects ("det er en mann som …", "hva er …") do not count.
 */
function inCopulaFrame(tokens: readonly Token[], i: number): boolean {
  let j = prevSig(tokens, i);
  let adjectives = 0;
  for (let step = 0; step <= MAX_FRAME_FILLERS && j >= 0; step++) {
    const t = tokens[j]!;
    if (t.kind === 'punct' && t.folded === ':')
      return isWord(tokens[prevSig(tokens, j)]) && genderFields.has(tokens[prevSig(tokens, j)]!.folded);
    if (t.kind !== 'word') return false;
    if (genderFields.has(t.folded)) return true;
    if (selfContainedCopulas.has(t.folded)) return true;
    for (const copula of copulas) {
      const first = matchPhraseEndingAt(tokens, j, copula);
      if (first < 0) continue;
      const subject = tokens[prevSig(tokens, first)];
      return !(isWord(subject) && expletives.has(subject.folded));
    }
    if (articles.has(t.folded) || negations.has(t.folded)) {
      j = prevSig(tokens, j);
      continue;
    }
    if (adjectives === 0 && !t.cap) {
      adjectives++;
      j = prevSig(tokens, j);
      continue;
    }
    return false;
  }
  return false;
}

function rawText(text: string, t: Token): string {
  return text.slice(t.start, t.end);
}

function abbreviationKind(text: string, t: Token): 'strong' | 'weak' | 'letter' | undefined {
  if (!t.cap) return undefined; // every abbreviation starts with a capital
  const raw = rawText(text, t);
  const hyphen = raw.indexOf('-');
  const head = hyphen > 0 ? raw.slice(0, hyphen) : raw;
  if (strongAbbreviations.has(raw) || strongAbbreviations.has(head)) return 'strong';
  if (weakAbbreviations.has(raw) || weakAbbreviations.has(head)) return 'weak';
  if (letterAbbreviations.has(raw)) return 'letter';
  return undefined;
}

function genitiveBase(folded: string): string | undefined {
  return folded.length > 3 && folded.endsWith('s') ? folded.slice(0, -1) : undefined;
}

/** A party named at token j as the object of a vote or support cue; returns its last token index, or -1. */
function parsePartyItem(tokens: readonly Token[], text: string, j: number): number {
  const t = tokens[j];
  if (!isWord(t)) return -1;
  for (const words of politicalAlways.phrases.get(t.folded) ?? []) {
    const end = matchPhrase(tokens, j, words);
    if (end >= 0) return end;
  }
  if (matchesWord(politicalAlways, t.folded) || abbreviationKind(text, t) !== undefined) return j;
  const base = genitiveBase(t.folded);
  if (
    ambiguousParties.has(t.folded) ||
    contextParties.has(t.folded) ||
    (base !== undefined && (ambiguousParties.has(base) || contextParties.has(base)))
  ) {
    const next = tokens[nextSig(tokens, j)];
    return isWord(next) && sideWords.has(next.folded) ? -1 : j;
  }
  return -1;
}

/** A list of parties ("Høyre", "V eller H", "Ap, SV og Rødt") starting at token j; returns item ranges. */
function parsePartyList(tokens: readonly Token[], text: string, j: number): [number, number][] {
  const items: [number, number][] = [];
  let k = j;
  if (isWord(tokens[k]) && PARTY_FILLERS.has(tokens[k]!.folded)) k = nextSig(tokens, k);
  while (k >= 0 && items.length < 8) {
    const last = parsePartyItem(tokens, text, k);
    if (last < 0) break;
    items.push([k, last]);
    let sep = nextSig(tokens, last);
    const s = tokens[sep];
    if (
      !s ||
      !(
        (s.kind === 'punct' && (s.folded === ',' || s.folded === '/' || s.folded === '&')) ||
        (s.kind === 'word' && LIST_JOINERS.has(s.folded))
      )
    )
      break;
    sep = nextSig(tokens, sep);
    if (sep >= 0 && isWord(tokens[sep]) && LIST_JOINERS.has(tokens[sep]!.folded)) sep = nextSig(tokens, sep);
    k = sep;
  }
  return items;
}

/** An ambiguous party name outside a vote cue: capitalised, not a direction, and (for some) in a political message. */
function isPartyByContext(tokens: readonly Token[], i: number, politicalMessage: boolean): boolean {
  const t = tokens[i]!;
  if (!t.cap) return false;
  const base = genitiveBase(t.folded);
  const genitive = !ambiguousParties.has(t.folded) && !contextParties.has(t.folded) && base !== undefined;
  const key = genitive ? base : t.folded;
  const needsContext = contextParties.has(key);
  if (!ambiguousParties.has(key) && !needsContext) return false;
  if (needsContext && !politicalMessage) return false;
  const next = tokens[nextSig(tokens, i)];
  if (isWord(next) && sideWords.has(next.folded)) return false;
  if (genitive) return true;
  const prev = tokens[prevSig(tokens, i)];
  if (isWord(prev) && directionWords.has(prev.folded)) return false;
  return politicalMessage || !sentenceInitial(tokens, i);
}

/** Health, gender, sexual orientation and political opinion: lexicons with compound matching, frames and cues. */
export function recognizeSensitive({ text, tokens }: RecognizerInput): Candidate[] {
  const out: Candidate[] = [];
  // Per-message cache of lexicon look-ups: long adversarial messages repeat the same words.
  const lookups = new Map<string, WordLookup>();
  const lookup = (folded: string): WordLookup => {
    let hit = lookups.get(folded);
    if (!hit) {
      hit = {
        always: CATEGORIES.map(
          (lex) => !(lex.except && matchesWord(lex.except, folded)) && matchesWord(lex.always, folded),
        ),
        frame: CATEGORIES.map((lex) => matchesWord(lex.frame, folded)),
        context: matchesWord(contextWords, folded),
        relevant: false,
      };
      const base = genitiveBase(folded);
      hit.relevant =
        hit.always.some(Boolean) ||
        hit.frame.some(Boolean) ||
        CATEGORIES.some((lex) => lex.always.phrases.has(folded)) ||
        voteCues.has(folded) ||
        supportCues.has(folded) ||
        ambiguousParties.has(folded) ||
        contextParties.has(folded) ||
        (base !== undefined && (ambiguousParties.has(base) || contextParties.has(base)));
      lookups.set(folded, hit);
    }
    return hit;
  };
  // A message that names a party, uses a word of politics or names two parties by abbreviation ("DF og SF") is
  // about politics: weak abbreviations and some ambiguous names count there.
  const weakSeen = new Set<string>();
  const politicalMessage = tokens.some((t) => {
    if (t.kind !== 'word') return false;
    const kind = abbreviationKind(text, t);
    if (kind === 'weak') weakSeen.add(t.folded);
    return lookup(t.folded).context || lookup(t.folded).always[POLITICAL]! || kind === 'strong' || weakSeen.size >= 2;
  });
  const push = (from: Token, to: Token, category: PiiCategory, priority: number = PRIORITY.lexicon) =>
    out.push({ start: from.start, end: to.end, category, priority });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    const found = lookup(t.folded);
    const abbreviation = abbreviationKind(text, t);
    if (!found.relevant && abbreviation === undefined) continue;
    for (let c = 0; c < CATEGORIES.length; c++) {
      const lex = CATEGORIES[c]!;
      for (const words of lex.always.phrases.get(t.folded) ?? []) {
        const end = matchPhrase(tokens, i, words);
        if (end >= 0) push(t, tokens[end]!, lex.category);
      }
      if (found.always[c] || (found.frame[c] && inCopulaFrame(tokens, i))) push(t, t, lex.category);
    }
    if (
      abbreviation === 'strong' ||
      (abbreviation === 'weak' && politicalMessage) ||
      isPartyByContext(tokens, i, politicalMessage)
    )
      push(t, t, 'political');
    if (voteCues.has(t.folded)) {
      let j = nextSig(tokens, i);
      if (isWord(tokens[j]) && votePrepositions.has(tokens[j]!.folded)) j = nextSig(tokens, j);
      const items = j >= 0 ? parsePartyList(tokens, text, j) : [];
      if (items.length > 0) push(t, tokens[items[items.length - 1]![1]]!, 'political', PRIORITY.votePhrase);
    }
    for (const cue of supportCues.get(t.folded) ?? []) {
      if (matchPhraseEndingAt(tokens, i, cue) < 0) continue;
      for (const [from, to] of parsePartyList(tokens, text, nextSig(tokens, i)))
        push(tokens[from]!, tokens[to]!, 'political');
    }
  }
  return out;
}
