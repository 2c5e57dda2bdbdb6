import { describe, expect, it } from 'vitest';
import { fitOosThreshold, fitTemperature, type HeldOutPrediction } from './score.calibrator.ts';
import { seededRandom } from './seeded.random.ts';

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels', () => {
    const random = seededRandom(11);
    const logits: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const z = Float64Array.from([random() * 6, random() * 6, random() * 6]);
      // Labels drawn from softmax(z / 2): a model emitting z is over-confident by a factor 2.
      const e = [...z].map((v) => Math.exp(v / 2));
      const sum = e.reduce((a, b) => a + b, 0);
      let u = random() * sum;
      let y = 0;
      while (u > e[y]! && y < 2) u -= e[y++]!;
      logits.push(z);
      labels.push(y);
    }
    expect(fitTemperature(logits, labels)).toBeGreaterThan(1.6);
    expect(fitTemperature(logits, labels)).toBeLessThan(2.5);
  });

  it('is 1 without data', () => {
    expect(fitTemperature([], [])).toBe(1);
  });
});

describe('fitOosThreshold', () => {
  const answered = (score: number): HeldOutPrediction => ({
    topScore: score,
    correct: true,
    outOfScope: false,
    oosClassWins: false,
  });
  const scores = Array.from({ length: 1000 }, (_, i) => 0.05 + (0.9 * i) / 1000);

  it('rejects no more than the allowed share of correctly answered in-scope messages', () => {
    const predictions = scores.map(answered);
    const t = fitOosThreshold(predictions, 0.01);
    expect(predictions.filter((p) => p.topScore < t)).toHaveLength(10);
    expect(fitOosThreshold(predictions, 0.001)).toBeLessThan(t);
  });

  it('stays below every correct score when the budget allows no rejection', () => {
    expect(fitOosThreshold([0.15, 0.9].map(answered), 0.001)).toBeLessThan(0.15);
  });

  it('ignores wrong answers and messages the oos class already rejects', () => {
    const wrong: HeldOutPrediction = { topScore: 0.01, correct: false, outOfScope: false, oosClassWins: false };
    const taken: HeldOutPrediction = { topScore: 0.02, correct: true, outOfScope: false, oosClassWins: true };
    expect(fitOosThreshold([wrong, taken, answered(0.4), answered(0.45)], 0)).toBeCloseTo(0.36, 6);
  });

  it('never exceeds 0.5', () => {
    expect(fitOosThreshold([0.95, 0.99].map(answered), 0)).toBe(0.5);
    expect(fitOosThreshold([], 0.01)).toBe(0);
  });
});
