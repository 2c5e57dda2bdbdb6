/** Splits a compound word into two known words, or returns none. */
export type CompoundSplitter = (foldedToken: string) => readonly string[];

/** Parts shorter than this are too often accidental matches ("is", "er"). */
const MIN_PART = 3;
/** Tokens shorter than this are rarely compounds worth splitting. */
const MIN_COMPOUND = 7;

/**
 * A splitter for Nordic compounds ("felparkeringsavgift", "søppeltømming", "byggetilladelse") over a lexicon of
 * known (diacritic-folded) words: the split whose shorter part is longest, where both parts are known, allowing
 * the linking letters -s- and -e- ("avfall·s·hamtning", "bygg·e·tilladelse"). Lets a compound the training phrases
 * never used share features with the words it is made of.
 */
export function createCompoundSplitter(lexicon: ReadonlySet<string>): CompoundSplitter {
  const known = (part: string): boolean => part.length >= MIN_PART && lexicon.has(part);
  return (token) => {
    if (token.length < MIN_COMPOUND) return [];
    let best: string[] = [];
    let bestScore = 0;
    for (let i = MIN_PART; i <= token.length - MIN_PART; i++) {
      const right = token.slice(i);
      if (!known(right)) continue;
      const left = token.slice(0, i);
      const linked = /[se]$/.test(left) ? left.slice(0, -1) : '';
      const head = known(left) ? left : known(linked) ? linked : '';
      if (!head) continue;
      const score = Math.min(head.length, right.length);
      if (score > bestScore) {
        best = [head, right];
        bestScore = score;
      }
    }
    return best;
  };
}
