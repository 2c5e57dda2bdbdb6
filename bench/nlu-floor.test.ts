import { readFileSync } from 'node:fs';
import { LANGUAGES } from '@kommunechat/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrainingExamples } from '../packages/server/src/content/answer-base.ts';
import { evaluateNlu, trainNlu, type NluEvaluation, type TrainingExample } from '../packages/server/src/nlu/index.ts';

/** Floors of the NLU issue on the held-out set (written independently of the answer base; never trained on). */
const IN_SCOPE_FLOOR_PER_LANGUAGE = 0.93;
const OOS_RECALL_FLOOR = 0.8;

const heldOut = (): TrainingExample[] =>
  readFileSync(new URL('./data/nlu-heldout.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TrainingExample);

describe('NLU held-out floors (model = shipped answer base)', () => {
  let result: NluEvaluation;

  beforeAll(async () => {
    const model = trainNlu(await loadTrainingExamples());
    result = evaluateNlu(model, heldOut());
  }, 60_000);

  it.each(LANGUAGES)(`in-scope accuracy in %s >= ${IN_SCOPE_FLOOR_PER_LANGUAGE}`, (lang) => {
    expect(result.byLang[lang]?.n ?? 0).toBeGreaterThan(0);
    expect(result.byLang[lang]?.accuracy).toBeGreaterThanOrEqual(IN_SCOPE_FLOOR_PER_LANGUAGE);
  });

  it(`out-of-scope recall >= ${OOS_RECALL_FLOOR}`, () => {
    expect(result.oosRecall).toBeGreaterThanOrEqual(OOS_RECALL_FLOOR);
  });

  it('classifies a message in well under a millisecond at the median', () => {
    expect(result.msPerMessage.p50).toBeLessThan(1);
  });
});
