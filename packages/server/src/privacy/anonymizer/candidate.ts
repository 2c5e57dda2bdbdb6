import type { PiiCategory } from './masks.ts';
import type { Token } from './tokens.ts';

/** A span a recogniser proposes, in normalised-text offsets. Higher priority wins an overlap, then the longer span. */
export interface Candidate {
  start: number;
  end: number;
  category: PiiCategory;
  priority: number;
}

/** What every recogniser reads: the normalised text, its folded twin and its tokens. */
export interface RecognizerInput {
  text: string;
  folded: string;
  tokens: readonly Token[];
}

/** Overlap priorities: structural patterns beat lexicon guesses. */
export const PRIORITY = {
  email: 9,
  mapLink: 8,
  coordinates: 7,
  iban: 7,
  number: 6,
  address: 5,
  votePhrase: 4,
  lexicon: 3,
  name: 2,
} as const;
