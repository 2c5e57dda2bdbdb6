/**
 * Normalisation with an offset map: NFKC, format characters (zero-width, soft hyphen, bidi controls) removed,
 * and a folded twin string where every Unicode digit is its ASCII digit and letters are lower case. Recognisers
 * read the folded string; spans found in it map back to offsets in the caller's input.
 */
export interface NormalizedText {
  /** NFKC text without format characters; the masked output is built from it. */
  text: string;
  /** Same length as `text`: lower case, every `\p{Nd}` digit replaced by its ASCII digit. */
  folded: string;
  /** For each UTF-16 unit of `text`, the input offset where the source cluster starts. */
  starts: Uint32Array;
  /** For each UTF-16 unit of `text`, the input offset just after the source cluster. */
  ends: Uint32Array;
}

const FORMAT = /^\p{Cf}$/u;
const MARK = /^\p{M}$/u;
const DIGIT = /^\p{Nd}$/u;

// Character classes of the BMP, filled lazily so a message only pays for the characters it contains.
const CLASS_UNKNOWN = 0;
const CLASS_FORMAT = 1;
const CLASS_MARK = 2;
const CLASS_DIGIT = 3;
const CLASS_OTHER = 4;
const bmpClass = new Uint8Array(0x10000);

function classify(cp: number): number {
  if (cp < 0x10000) {
    const known = bmpClass[cp]!;
    if (known !== CLASS_UNKNOWN) return known;
  }
  const ch = String.fromCodePoint(cp);
  const cls = FORMAT.test(ch) ? CLASS_FORMAT : MARK.test(ch) ? CLASS_MARK : DIGIT.test(ch) ? CLASS_DIGIT : CLASS_OTHER;
  if (cp < 0x10000) bmpClass[cp] = cls;
  return cls;
}

/** Unicode puts each decimal digit set in a contiguous run starting at zero, so the value is the distance from the run's start. */
function digitValue(cp: number): number {
  let zero = cp;
  while (zero > 0 && cp - zero < 9 && classify(zero - 1) === CLASS_DIGIT) zero--;
  // Runs longer than ten (mathematical digits) are whole sets back to back.
  let runStart = zero;
  while (runStart > 0 && classify(runStart - 1) === CLASS_DIGIT) runStart--;
  return (cp - runStart) % 10;
}

// Small bounded cache of non-ASCII cluster normalisations; adversarial input repeats the same clusters.
const clusterCache = new Map<string, string>();
const CLUSTER_CACHE_LIMIT = 4096;

function normalizeCluster(cluster: string): string {
  let out = clusterCache.get(cluster);
  if (out === undefined) {
    out = cluster.normalize('NFKC');
    if (clusterCache.size >= CLUSTER_CACHE_LIMIT) clusterCache.clear();
    clusterCache.set(cluster, out);
  }
  return out;
}

function foldChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : ch;
  if (classify(cp) === CLASS_DIGIT) {
    return String(digitValue(cp));
  }
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

const HAS_FORMAT = /\p{Cf}/u;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function identity(input: string, folded: string): NormalizedText {
  const starts = new Uint32Array(input.length);
  const ends = new Uint32Array(input.length);
  for (let i = 0; i < input.length; i++) {
    starts[i] = i;
    ends[i] = i + 1;
  }
  return { text: input, folded, starts, ends };
}

/**
 * Normalises `input`. ASCII text is returned as is (with an identity map); otherwise each cluster (a character
 * and its combining marks) is NFKC-normalised on its own so every output unit knows its source range.
 */
export function normalizeText(input: string): NormalizedText {
  if (isAscii(input)) return identity(input, input.toLowerCase());
  // Already-normalised text without format characters (most non-ASCII messages) keeps its offsets; only the
  // folded twin changes, and only where lower-casing keeps the length.
  if (!HAS_FORMAT.test(input) && input.normalize('NFKC') === input) {
    const lower = input.toLowerCase();
    if (lower.length === input.length)
      return identity(
        input,
        lower.replace(NON_ASCII_DIGIT, (d) => String(digitValue(d.codePointAt(0)!))),
      );
  }
  const textParts: string[] = [];
  const foldedParts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < input.length) {
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp >= 0x80 && classify(cp) === CLASS_FORMAT) {
      i += width;
      continue;
    }
    let j = i + width;
    let cluster: string;
    if (cp < 0x80) {
      // Fast path: an ASCII character is its own NFKC form unless combining marks follow.
      while (j < input.length && input.charCodeAt(j) >= 0x300 && classify(input.codePointAt(j)!) === CLASS_MARK)
        j += input.codePointAt(j)! > 0xffff ? 2 : 1;
      cluster = j === i + 1 ? input[i]! : normalizeCluster(input.slice(i, j));
    } else {
      while (j < input.length) {
        const next = input.codePointAt(j)!;
        if (next < 0x300 || classify(next) !== CLASS_MARK) break;
        j += next > 0xffff ? 2 : 1;
      }
      cluster = normalizeCluster(input.slice(i, j));
    }
    for (const ch of cluster) {
      const chCp = ch.codePointAt(0)!;
      if (chCp >= 0x80 && classify(chCp) === CLASS_FORMAT) continue;
      const folded = foldChar(ch);
      // An astral digit folds to one unit; the text takes the ASCII digit too so both strings stay aligned.
      const unit = folded.length === ch.length ? ch : folded;
      textParts.push(unit);
      foldedParts.push(folded);
      for (let k = 0; k < unit.length; k++) {
        starts.push(i);
        ends.push(j);
      }
    }
    i = j;
  }
  return {
    text: textParts.join(''),
    folded: foldedParts.join(''),
    starts: Uint32Array.from(starts),
    ends: Uint32Array.from(ends),
  };
}
