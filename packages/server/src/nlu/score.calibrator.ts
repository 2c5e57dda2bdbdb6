import { softmaxInPlace } from './softmax.classifier.ts';

/**
 * The softmax temperature that minimises the negative log-likelihood of held-out labels (temperature scaling):
 * SGD-trained models are over- or under-confident, and the dialogue compares the top two scores.
 * Searched by golden section on log T within [1/5, 20]: sharper than 1/5 only ever fits a tiny separable set.
 */
export function fitTemperature(logits: readonly Float64Array[], labels: ArrayLike<number>): number {
  if (logits.length === 0) return 1;
  const nll = (logT: number): number => {
    const T = Math.exp(logT);
    let total = 0;
    for (const [i, z] of logits.entries()) {
      const p = softmaxInPlace(Float64Array.from(z), T);
      total -= Math.log(Math.max(p[labels[i]!]!, 1e-12));
    }
    return total;
  };
  let lo = Math.log(1 / 5);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let iter = 0; iter < 40; iter++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Default share of correctly answered in-scope messages the out-of-scope threshold may reject. */
export const DEFAULT_MAX_FALSE_REJECTION = 0.001;

/** One held-out prediction as the threshold search sees it. */
export interface HeldOutPrediction {
  /** Calibrated probability of the best in-scope intent. */
  topScore: number;
  /** The best in-scope intent is the right one (always false for an out-of-scope message). */
  correct: boolean;
  /** The message is an out-of-scope negative. */
  outOfScope: boolean;
  /** The model's out-of-scope class already beats every intent. */
  oosClassWins: boolean;
}

/** Never reject a message whose best intent scores at least this, whatever the held-out data says. */
const MAX_THRESHOLD = 0.5;

/**
 * The score below which a message is treated as out of scope: the highest threshold that wrongly rejects at most
 * `maxFalseRejection` of the held-out in-scope messages the model answers correctly, capped at 0.5.
 * A budget on false rejections rather than a best fit to the held-out negatives because training negatives are
 * few and rare (under 1 % in CLINC150, about 5 % in the answer base) while real out-of-scope traffic is
 * common and unlike them; the model's own 'oos' class already catches messages like the negatives.
 */
export function fitOosThreshold(
  predictions: readonly HeldOutPrediction[],
  maxFalseRejection = DEFAULT_MAX_FALSE_REJECTION,
): number {
  const inScope = predictions.filter((p) => !p.outOfScope);
  const scores = inScope
    .filter((p) => p.correct && !p.oosClassWins)
    .map((p) => p.topScore)
    .sort((x, y) => x - y);
  if (scores.length === 0) return 0;
  const allowed = Math.floor(maxFalseRejection * inScope.length);
  // Midway between the last score we may reject and the first we must keep; below the lowest when none may go.
  const threshold =
    allowed === 0 ? scores[0]! * 0.9 : (scores[allowed - 1]! + scores[Math.min(allowed, scores.length - 1)]!) / 2;
  return Math.min(MAX_THRESHOLD, threshold);
}
