import { PRIORITY, type Candidate, type RecognizerInput } from './candidate.ts';
import { compileWords, matchesWord, readLexicon } from './lexicon.ts';
import { matchPhraseEndingAt, nextSig, prevSig, type Token } from './tokens.ts';

interface LocationLexicon {
  compoundSuffixes: string[];
  lowercaseSuffixes: string[];
  streetTypes: string[];
  prefixWords: string[];
  residenceCues: string[];
  floorSides: string[];
  notPlaces: string[];
  hemispheres: string[];
  districts: string[];
}
interface CueLexicon {
  stopwords: string[];
}

const lex = readLexicon<LocationLexicon>('location');
const stopwords = new Set(readLexicon<CueLexicon>('cues').stopwords);
const compoundSuffixes = compileWords(lex.compoundSuffixes.map((s) => `*${s}`));
const lowercaseSuffixes = compileWords(lex.lowercaseSuffixes.map((s) => `*${s}`));
const streetTypes = new Set(lex.streetTypes);
const prefixWords = new Set(lex.prefixWords);
const residenceCues = lex.residenceCues.map((c) => c.replace(/:$/, '').split(' '));
const floorSides = new Set(lex.floorSides);
const notPlaces = new Set(lex.notPlaces);
const hemispheres = new Set(lex.hemispheres);
const districts = new Set(lex.districts);

const MAX_HOUSE_NUMBER_DIGITS = 4;
const MIN_COMPOUND_EXTRA = 2;

function isWord(t: Token | undefined): t is Token {
  return t?.kind === 'word';
}

function isPunct(t: Token | undefined, ch: string): boolean {
  return t?.kind === 'punct' && t.folded === ch;
}

/** Whether word token t is a street name on its own ("Storgata", "drottninggatan"). */
function isCompoundStreet(t: Token): boolean {
  const suffixOk = t.cap ? matchesWord(compoundSuffixes, t.folded) : matchesWord(lowercaseSuffixes, t.folded);
  if (!suffixOk || streetTypes.has(t.folded)) return false;
  // The compound needs a real first part: "Storgata", not "gata".
  const longest = lex.compoundSuffixes.filter((s) => t.folded.endsWith(s)).reduce((a, s) => Math.max(a, s.length), 0);
  return t.folded.length - longest >= MIN_COMPOUND_EXTRA;
}

/** Walks left over capitalised words of a street name; returns the first token index of the name. */
function extendStreetLeft(tokens: readonly Token[], i: number, anyCapitalised: boolean, max: number): number {
  let first = i;
  for (let n = 0; n < max; n++) {
    const p = prevSig(tokens, first);
    const t = tokens[p];
    if (!isWord(t) || !t.cap || stopwords.has(t.folded)) break;
    if (!anyCapitalised && !prefixWords.has(t.folded)) break;
    first = p;
  }
  return first;
}

/** After a street name at token i: house number, letter, Danish floor/side, flat number. Returns the last token, or -1. */
function parseHouseNumber(tokens: readonly Token[], i: number): number {
  const j = nextSig(tokens, i);
  const num = tokens[j];
  if (num?.kind !== 'num' || num.end - num.start > MAX_HOUSE_NUMBER_DIGITS) return -1;
  let last = j;
  // 12B, 12 B, 12-14
  const adj = tokens[j + 1];
  if (isWord(adj) && adj.start === num.end && adj.end - adj.start === 1) last = j + 1;
  else if (
    isPunct(adj, '-') &&
    tokens[j + 2]?.kind === 'num' &&
    tokens[j + 2]!.end - tokens[j + 2]!.start <= MAX_HOUSE_NUMBER_DIGITS
  )
    last = j + 2;
  else {
    const k = nextSig(tokens, j);
    const letter = tokens[k];
    if (
      isWord(letter) &&
      letter.end - letter.start === 1 &&
      letter.cap &&
      !isWord(tokens[k + 1]) &&
      !isPunct(tokens[k + 1], '.')
    )
      last = k;
  }
  return parseUnit(tokens, last);
}

/** Optional ", 2. th.", " st. tv", ", H0201", " lgh 1203", ", 3. etg" after a house number. */
function parseUnit(tokens: readonly Token[], last: number): number {
  let j = last + 1;
  if (isPunct(tokens[j], ',')) j++;
  if (tokens[j]?.kind === 'space' && !tokens[j]!.newline) j++;
  const t = tokens[j];
  if (t?.kind === 'num' && t.end - t.start <= 2 && isPunct(tokens[j + 1], '.')) {
    let k = j + 2;
    if (tokens[k]?.kind === 'space' && !tokens[k]!.newline) k++;
    const side = tokens[k];
    if (isWord(side) && floorSides.has(side.folded)) return isPunct(tokens[k + 1], '.') ? k + 1 : k;
    return last;
  }
  if (isWord(t) && (t.folded === 'st' || t.folded === 'kl')) {
    let k = isPunct(tokens[j + 1], '.') ? j + 2 : j + 1;
    const afterFloor = k - 1;
    if (tokens[k]?.kind === 'space' && !tokens[k]!.newline) k++;
    const side = tokens[k];
    if (isWord(side) && floorSides.has(side.folded)) return isPunct(tokens[k + 1], '.') ? k + 1 : k;
    return afterFloor;
  }
  if (
    isWord(t) &&
    (t.folded === 'h' || t.folded === 'u') &&
    tokens[j + 1]?.kind === 'num' &&
    tokens[j + 1]!.start === t.end &&
    tokens[j + 1]!.end - tokens[j + 1]!.start === 4
  )
    return j + 1;
  if (isWord(t) && t.folded === 'lgh') {
    const k = nextSig(tokens, isPunct(tokens[j + 1], '.') ? j + 1 : j);
    if (tokens[k]?.kind === 'num') return k;
  }
  return last;
}

function followsResidenceCue(tokens: readonly Token[], first: number): boolean {
  const p = prevSig(tokens, first);
  if (!isWord(tokens[p])) return false;
  return residenceCues.some((cue) => matchPhraseEndingAt(tokens, p, cue) >= 0);
}

/** Street addresses: "Storgata 12B", "Karl Johans gate 5", "Nørregade 4, 2. th.", "12 Baker Street". */
function recognizeStreets(tokens: readonly Token[], out: Candidate[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    let first: number;
    if (isCompoundStreet(t)) {
      first = extendStreetLeft(tokens, i, false, 2);
    } else if (streetTypes.has(t.folded)) {
      first = extendStreetLeft(tokens, i, true, 3);
      if (first === i) continue;
    } else continue;
    const last = parseHouseNumber(tokens, i);
    if (last >= 0) {
      out.push({
        start: tokens[first]!.start,
        end: tokens[last]!.end,
        category: 'location',
        priority: PRIORITY.address,
      });
      continue;
    }
    // "12 Baker Street", "221B Baker Street"
    let p = prevSig(tokens, first);
    if (
      isWord(tokens[p]) &&
      tokens[p]!.end - tokens[p]!.start === 1 &&
      tokens[p - 1]?.kind === 'num' &&
      tokens[p - 1]!.end === tokens[p]!.start
    )
      p--;
    if (
      tokens[p]?.kind === 'num' &&
      tokens[p]!.end - tokens[p]!.start <= MAX_HOUSE_NUMBER_DIGITS &&
      streetTypes.has(t.folded)
    ) {
      out.push({ start: tokens[p]!.start, end: t.end, category: 'location', priority: PRIORITY.address });
      continue;
    }
    if (t.cap && followsResidenceCue(tokens, first))
      out.push({ start: tokens[first]!.start, end: t.end, category: 'location', priority: PRIORITY.address });
  }
}

function isPlaceWord(t: Token | undefined): t is Token {
  return isWord(t) && t.cap && !stopwords.has(t.folded) && !notPlaces.has(t.folded);
}

/** Postcode + place: "0150 Oslo", "2100 København Ø", "114 55 Stockholm", "DK-8000 Aarhus C". */
function recognizePostcodes(tokens: readonly Token[], out: Candidate[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'num') continue;
    const len = t.end - t.start;
    let codeEnd = i;
    if (len === 3) {
      const k = nextSig(tokens, i);
      if (tokens[k]?.kind !== 'num' || tokens[k]!.end - tokens[k]!.start !== 2 || tokens[k - 1]?.kind !== 'space')
        continue;
      codeEnd = k;
    } else if (len !== 4) continue;
    // Must stand alone: not part of a longer digit run or an amount.
    const before = prevSig(tokens, i);
    const b = tokens[before];
    if (
      b?.kind === 'num' ||
      (b?.kind === 'punct' &&
        (b.folded === '.' || b.folded === ',') &&
        b.end === t.start &&
        tokens[before - 1]?.kind === 'num')
    )
      continue;
    if (isWord(b) && notPlaces.has(b.folded)) continue;
    const pj = nextSig(tokens, codeEnd);
    const place = tokens[pj];
    if (!isPlaceWord(place) || tokens[pj - 1]?.kind !== 'space') continue;
    let last = pj;
    const nj = nextSig(tokens, pj);
    const next = tokens[nj];
    if (
      isWord(next) &&
      next.cap &&
      (districts.has(next.folded) ||
        (!stopwords.has(next.folded) && next.folded !== 'kommune' && next.folded !== 'kommun'))
    ) {
      if (districts.has(next.folded) || isPlaceWord(next)) last = nj;
    }
    let start = t.start;
    // Country prefix: "DK-2100", "SE-114 55", "N-0150"
    if (
      isPunct(b, '-') &&
      tokens[before - 1]?.kind === 'word' &&
      ['no', 'n', 'dk', 'se', 's'].includes(tokens[before - 1]!.folded) &&
      tokens[before - 1]!.end === b!.start
    )
      start = tokens[before - 1]!.start;
    out.push({ start, end: tokens[last]!.end, category: 'location', priority: PRIORITY.address });
  }
}

/** A decimal degree "59.9139" / "-33,8688" starting at token i; returns the last token index and value, or undefined. */
function parseDecimal(
  tokens: readonly Token[],
  i: number,
): { last: number; value: number; decimals: number; start: number } | undefined {
  let start = tokens[i]!.start;
  let k = i;
  if (isPunct(tokens[k], '-') || isPunct(tokens[k], '−')) {
    if (tokens[k + 1]?.kind !== 'num' || tokens[k + 1]!.start !== tokens[k]!.end) return undefined;
    k++;
  }
  const int = tokens[k];
  const dot = tokens[k + 1];
  const frac = tokens[k + 2];
  if (
    int?.kind !== 'num' ||
    int.end - int.start > 3 ||
    !(isPunct(dot, '.') || isPunct(dot, ',')) ||
    frac?.kind !== 'num' ||
    dot!.start !== int.end ||
    frac.start !== dot!.end
  )
    return undefined;
  start = Math.min(start, int.start);
  return { last: k + 2, value: Number(`${int.folded}.${frac.folded}`), decimals: frac.end - frac.start, start };
}

/** Optional hemisphere letter after a coordinate ("59.91 N", "10.75°E"); returns the new last index. */
function parseHemisphere(tokens: readonly Token[], last: number): { last: number; found: boolean } {
  let k = last + 1;
  if (isPunct(tokens[k], '°')) k++;
  const hasDegree = k > last + 1;
  if (tokens[k]?.kind === 'space' && !tokens[k]!.newline) k++;
  const h = tokens[k];
  if (isWord(h) && hemispheres.has(h.folded) && !isWord(tokens[k + 1])) return { last: k, found: true };
  return { last: hasDegree ? last + 1 : last, found: hasDegree };
}

/** Coordinates: decimal pairs ("59.9139, 10.7522", "59.9139 N 10.7522 E") and degree-minute-second forms. */
function recognizeCoordinates(tokens: readonly Token[], out: Candidate[]): void {
  let coveredTo = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (i <= coveredTo) continue;
    const t = tokens[i]!;
    if (t.kind === 'num' || isPunct(t, '-')) {
      const lat = parseDecimal(tokens, i);
      if (!lat) continue;
      const latH = parseHemisphere(tokens, lat.last);
      let k = latH.last + 1;
      if (tokens[k]?.kind === 'space' && !tokens[k]!.newline) k++;
      if (isPunct(tokens[k], ',') || isPunct(tokens[k], ';') || isPunct(tokens[k], '/')) k++;
      if (tokens[k]?.kind === 'space' && !tokens[k]!.newline) k++;
      if (k === latH.last + 1 || tokens[k] === undefined) continue;
      const lon = parseDecimal(tokens, k);
      if (!lon) continue;
      const lonH = parseHemisphere(tokens, lon.last);
      const precise = lat.decimals >= 3 && lon.decimals >= 3;
      if ((precise || (latH.found && lonH.found)) && Math.abs(lat.value) <= 90 && Math.abs(lon.value) <= 180) {
        out.push({
          start: lat.start,
          end: tokens[lonH.last]!.end,
          category: 'location',
          priority: PRIORITY.coordinates,
        });
        coveredTo = lonH.last;
      }
    } else if (isPunct(t, '°') && tokens[i - 1]?.kind === 'num') {
      // Degrees-minutes-seconds: scan a bounded window of coordinate characters.
      let last = i;
      let degrees = 0;
      let compass = 0;
      for (let k = i; k < tokens.length && k < i + 24; k++) {
        const c = tokens[k]!;
        const ok =
          c.kind === 'num' ||
          (c.kind === 'space' && !c.newline) ||
          (c.kind === 'punct' && '°′″\'".,'.includes(c.folded)) ||
          (isWord(c) && hemispheres.has(c.folded));
        if (!ok) break;
        if (isPunct(c, '°')) degrees++;
        if (isWord(c)) compass++;
        if (c.kind !== 'space' && !isPunct(c, ',')) last = k;
      }
      if (degrees >= 2 || (degrees === 1 && compass >= 1 && last > i + 2)) {
        out.push({
          start: tokens[i - 1]!.start,
          end: tokens[last]!.end,
          category: 'location',
          priority: PRIORITY.coordinates,
        });
        coveredTo = last;
      }
    }
  }
}

/** Geolocation: street addresses, postcode + place, coordinates. Map links are in the contact recogniser. */
export function recognizeLocations({ tokens }: RecognizerInput): Candidate[] {
  const out: Candidate[] = [];
  recognizeStreets(tokens, out);
  recognizePostcodes(tokens, out);
  recognizeCoordinates(tokens, out);
  return out;
}
