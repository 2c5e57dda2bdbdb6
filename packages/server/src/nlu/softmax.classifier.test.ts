import { describe, expect, it } from 'vitest';
import type { SparseVector } from './feature.vectorizer.ts';
import { seededRandom, shuffleInPlace } from './seeded.random.ts';
import { softmaxInPlace, trainSoftmax } from './softmax.classifier.ts';

const vec = (pairs: [number, number][]): SparseVector => ({
  indices: Int32Array.from(pairs.map((p) => p[0])),
  values: Float32Array.from(pairs.map((p) => p[1])),
});

describe('trainSoftmax', () => {
  const xs = [
    vec([[0, 1]]),
    vec([[1, 1]]),
    vec([[2, 1]]),
    vec([
      [0, 0.7],
      [3, 0.7],
    ]),
    vec([
      [1, 0.7],
      [3, 0.7],
    ]),
    vec([
      [2, 0.7],
      [3, 0.7],
    ]),
  ];
  const ys = [0, 1, 2, 0, 1, 2];

  it('separates linearly separable classes', () => {
    const model = trainSoftmax(xs, ys, 4, 3, { epochs: 20 });
    for (const [i, x] of xs.entries()) {
      const z = model.logits(x);
      expect(z.indexOf(Math.max(...z))).toBe(ys[i]);
    }
  });

  it('is deterministic for a seed', () => {
    const a = trainSoftmax(xs, ys, 4, 3, { seed: 7 }).logits(xs[3]!);
    const b = trainSoftmax(xs, ys, 4, 3, { seed: 7 }).logits(xs[3]!);
    expect([...a]).toEqual([...b]);
  });

  it('down-weights examples with a small sample weight', () => {
    const conflicting = [vec([[0, 1]]), vec([[0, 1]])];
    const z = trainSoftmax(conflicting, [0, 1], 1, 2, { sampleWeights: [1, 0.1] }).logits(vec([[0, 1]]));
    expect(z[0]).toBeGreaterThan(z[1]!);
  });
});

describe('softmaxInPlace', () => {
  it('sums to one and sharpens with a low temperature', () => {
    const p = softmaxInPlace(Float64Array.from([1, 2, 3]));
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(softmaxInPlace(Float64Array.from([1, 2, 3]), 0.5)[2]).toBeGreaterThan(p[2]!);
    expect([...softmaxInPlace(Float64Array.from([1000, 1000]))]).toEqual([0.5, 0.5]);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    expect(shuffleInPlace([1, 2, 3, 4, 5, 6], seededRandom(3))).toEqual(
      shuffleInPlace([1, 2, 3, 4, 5, 6], seededRandom(3)),
    );
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });
});
