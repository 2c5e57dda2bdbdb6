import { PRIORITY, type Candidate, type RecognizerInput } from './candidate.ts';
import { readLexicon } from './lexicon.ts';

interface LocationLexicon {
  mapMarkers: string[];
}

const MAP_MARKERS = readLexicon<LocationLexicon>('location').mapMarkers;

function isAlnum(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return /[\p{L}\p{N}]/u.test(c);
}

function isLocalChar(c: string): boolean {
  return isAlnum(c) || c === '.' || c === '_' || c === '%' || c === '+' || c === '-' || c === "'";
}

function isDomainChar(c: string): boolean {
  return isAlnum(c) || c === '.' || c === '-';
}

function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x80 && /\s/.test(c));
}

/**
 * E-mail addresses: from each '@', walk left over local-part characters and right over the domain, which needs a
 * dot and a top-level label of two or more letters. A character is visited at most twice (as domain of one '@' and
 * local part of the next), so the scan is linear.
 */
export function recognizeEmails({ text }: RecognizerInput): Candidate[] {
  const out: Candidate[] = [];
  let at = text.indexOf('@');
  while (at >= 0) {
    let l = at;
    while (l > 0 && isLocalChar(text[l - 1]!)) l--;
    let r = at + 1;
    while (r < text.length && isDomainChar(text[r]!)) r++;
    while (r > at + 1 && (text[r - 1] === '.' || text[r - 1] === '-')) r--;
    while (l < at && text[l] === '.') l++;
    const domain = text.slice(at + 1, r);
    const lastDot = domain.lastIndexOf('.');
    const tld = lastDot >= 0 ? domain.slice(lastDot + 1) : '';
    if (l < at && lastDot > 0 && tld.length >= 2 && /^\p{L}+$/u.test(tld)) {
      out.push({ start: l, end: r, category: 'email', priority: PRIORITY.email });
    }
    at = text.indexOf('@', at + 1);
  }
  return out;
}

const TRAILING_PUNCTUATION = /[.,;:!?)\]}>"'»”]+$/;

/**
 * Map links (Google, Apple, OpenStreetMap, geo: URIs …) and bare coordinate URLs: every whitespace-delimited
 * chunk is checked once, so repeated markers inside one long chunk cost nothing extra.
 */
export function recognizeMapLinks({ text, folded }: RecognizerInput): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  const n = folded.length;
  while (i < n) {
    while (i < n && isSpace(folded[i]!)) i++;
    const start = i;
    while (i < n && !isSpace(folded[i]!)) i++;
    if (i === start) continue;
    const chunk = folded.slice(start, i);
    if (!chunk.includes('.') && !chunk.startsWith('geo:')) continue;
    if (!MAP_MARKERS.some((m) => chunk.includes(m))) continue;
    if (!(chunk.includes('/') || chunk.startsWith('geo:') || chunk.startsWith('www.') || chunk.startsWith('maps.')))
      continue;
    const trimmed = text.slice(start, i).replace(TRAILING_PUNCTUATION, '');
    out.push({ start, end: start + trimmed.length, category: 'location', priority: PRIORITY.mapLink });
  }
  return out;
}
