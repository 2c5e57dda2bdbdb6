import type { SparseVector } from './feature.vectorizer.ts';
import { seededRandom, shuffleInPlace } from './seeded.random.ts';

/** Multinomial logistic regression over sparse vectors: one weight per (feature, class) plus a bias per class. */
export interface LinearModel {
  readonly numClasses: number;
  /** What the model is made of, as plain data (see linearModelFrom). */
  readonly parameters: LinearModelParameters;
  /** Raw class scores (logits) of one vector. */
  logits(x: SparseVector): Float64Array;
}

/** A trained linear model as plain, structured-clone safe data. */
export interface LinearModelParameters {
  readonly numClasses: number;
  /** One row of `numClasses` weights per feature. */
  readonly weights: Float32Array;
  /** One bias per class. */
  readonly bias: Float64Array;
}

export interface SoftmaxTrainingOptions {
  /** Passes over the shuffled training set. */
  epochs?: number;
  /** Initial step size; it decays as 1 / (1 + rate * l2 * t). */
  learningRate?: number;
  /** L2 penalty on the weights. */
  l2?: number;
  /** Per-example weight of the loss (default 1): lets a large negative class count like a few intents. */
  sampleWeights?: ArrayLike<number>;
  /** Seed of the example order: the same seed and data give bit-identical weights. */
  seed?: number;
}

/** Classes whose probability is below this get no gradient step for an example; the true class always does. */
const GRADIENT_SKIP = 1e-4;

/**
 * Trains multinomial logistic regression by stochastic gradient descent with L2 regularisation (applied lazily
 * through a global scale), returning the average of the weights at the end of each epoch of the second half of
 * training, which generalises better than the last iterate and costs one pass over the weights per epoch.
 */
export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: ArrayLike<number>,
  numFeatures: number,
  numClasses: number,
  options: SoftmaxTrainingOptions = {},
): LinearModel {
  const epochs = options.epochs ?? 10;
  const eta0 = options.learningRate ?? 2;
  const l2 = options.l2 ?? 1e-6;
  const random = seededRandom(options.seed ?? 1);
  const C = numClasses;
  const w = new Float64Array(numFeatures * C);
  const b = new Float64Array(C);
  // The true weights are w * scale, so the L2 decay of every weight costs O(1) per step.
  const wSum = new Float64Array(numFeatures * C);
  const bSum = new Float64Array(C);
  let scale = 1;
  let averaged = 0;
  const order = Array.from({ length: xs.length }, (_, i) => i);
  const z = new Float64Array(C);
  let t = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = xs[i]!;
      const y = ys[i]!;
      const weight = options.sampleWeights?.[i] ?? 1;
      const eta = eta0 / (1 + eta0 * l2 * t);
      t++;
      for (let c = 0; c < C; c++) z[c] = b[c]!;
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * C;
        const v = x.values[k]! * scale;
        for (let c = 0; c < C; c++) z[c]! += w[base + c]! * v;
      }
      scale *= 1 - eta * l2;
      if (scale < 1e-6) {
        for (let j = 0; j < w.length; j++) w[j]! *= scale;
        scale = 1;
      }
      softmaxInPlace(z);
      for (let c = 0; c < C; c++) {
        const g = (z[c]! - (c === y ? 1 : 0)) * weight;
        if (c !== y && z[c]! < GRADIENT_SKIP) continue;
        b[c]! -= eta * g;
        const step = (eta * g) / scale;
        for (let k = 0; k < x.indices.length; k++) w[x.indices[k]! * C + c]! -= step * x.values[k]!;
      }
    }
    if (epoch >= Math.floor(epochs / 2)) {
      for (let j = 0; j < w.length; j++) wSum[j]! += w[j]! * scale;
      for (let c = 0; c < C; c++) bSum[c]! += b[c]!;
      averaged++;
    }
  }
  const weights = new Float32Array(numFeatures * C);
  for (let j = 0; j < w.length; j++) weights[j] = wSum[j]! / averaged;
  const bias = bSum.map((v) => v / averaged);
  return linearModelFrom({ numClasses: C, weights, bias });
}

/** The linear model made of these parameters (e.g. trained in a worker thread and posted back). */
export function linearModelFrom(parameters: LinearModelParameters): LinearModel {
  const { numClasses: C, weights, bias } = parameters;
  return {
    numClasses: C,
    parameters,
    logits(x) {
      const z = Float64Array.from(bias);
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * C;
        const v = x.values[k]!;
        for (let c = 0; c < C; c++) z[c]! += weights[base + c]! * v;
      }
      return z;
    },
  };
}

/** Numerically stable softmax, in place. */
export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c]! - max) / temperature);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
  return z;
}
