import type { Language } from '@kommunechat/protocol';
import type { Candidate, RecognizerInput } from './candidate.ts';
import { recognizeEmails, recognizeMapLinks } from './contact.recognizer.ts';
import { recognizeLocations } from './location.recognizer.ts';
import { maskToken, type PiiCategory } from './masks.ts';
import { recognizeNames } from './name.recognizer.ts';
import { normalizeText } from './normalize.ts';
import { recognizeIbans, recognizeNumbers } from './number.recognizer.ts';
import { recognizeSensitive } from './sensitive.recognizer.ts';
import { tokenize } from './tokens.ts';

/** A masked stretch of the caller's input (UTF-16 offsets, end exclusive). */
export interface MaskedSpan {
  start: number;
  end: number;
  category: PiiCategory;
}

/** The masked text and what was masked where in the input. */
export interface AnonymizeResult {
  text: string;
  spans: MaskedSpan[];
}

/** Options for {@link anonymize}. */
export interface AnonymizeOptions {
  /** The conversation's language: chooses the mask words. Without it masks are English. */
  lang?: Language;
}

const RECOGNIZERS: readonly ((input: RecognizerInput) => Candidate[])[] = [
  recognizeEmails,
  recognizeMapLinks,
  recognizeIbans,
  recognizeNumbers,
  recognizeLocations,
  recognizeSensitive,
  recognizeNames,
];

/** Picks non-overlapping candidates: higher priority first, then longer, then earlier. */
function resolve(candidates: Candidate[], length: number): Candidate[] {
  candidates.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(length);
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let k = c.start; k < c.end; k++) {
      if (taken[k]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Joins spans of one category separated only by spaces or hyphens ("multippel sklerose" -> one mask). */
function merge(spans: Candidate[], text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && prev.category === s.category && /^[ \t-]*$/.test(text.slice(prev.end, s.start))) prev.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/**
 * Masks personal data in a citizen's message. The text is normalised first (NFKC, format characters removed,
 * Unicode digits read as digits); the returned text is the normalised text with each span replaced by a mask
 * token in `lang` (English without it), and the spans index the ORIGINAL input. Runs in linear time; masking is
 * idempotent because mask tokens are recognised and never masked again.
 */
export function anonymize(text: string, options: AnonymizeOptions = {}): AnonymizeResult {
  const lang = options.lang ?? 'en';
  const normalized = normalizeText(text);
  const input: RecognizerInput = {
    text: normalized.text,
    folded: normalized.folded,
    tokens: tokenize(normalized.text, normalized.folded),
  };
  const candidates = RECOGNIZERS.flatMap((recognize) => recognize(input));
  const spans = merge(resolve(candidates, normalized.text.length), normalized.text);
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(normalized.text.slice(at, s.start), maskToken(s.category, lang));
    at = s.end;
  }
  parts.push(normalized.text.slice(at));
  return {
    text: parts.join(''),
    spans: spans.map((s) => ({
      start: normalized.starts[s.start]!,
      end: normalized.ends[s.end - 1]!,
      category: s.category,
    })),
  };
}
