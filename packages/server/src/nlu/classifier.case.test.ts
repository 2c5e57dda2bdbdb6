import type { Language } from '@kommunechat/protocol';
import { describe, expect, it } from 'vitest';
import { nluModelFrom, trainNlu, type NluModel, type TrainingExample } from './index.ts';

/** A toy answer base: three intents in five languages, plus out-of-scope negatives. */
const TOY: TrainingExample[] = [
  ...(
    [
      [
        'waste',
        'nb',
        ['når kommer søppelbilen', 'tømmeplan for søppel', 'søppeldunken er ikke tømt', 'hvilken dag hentes avfallet'],
      ],
      [
        'waste',
        'nn',
        ['når kjem bossbilen', 'tømeplan for boss', 'bossdunken er ikkje tømd', 'kva dag blir avfallet henta'],
      ],
      [
        'waste',
        'da',
        [
          'hvornår kommer skraldebilen',
          'tømmeplan for affald',
          'skraldespanden er ikke tømt',
          'hvilken dag hentes affaldet',
        ],
      ],
      [
        'waste',
        'sv',
        ['när kommer sopbilen', 'tömningsschema för sopor', 'soptunnan är inte tömd', 'vilken dag hämtas soporna'],
      ],
      [
        'waste',
        'en',
        [
          'when does the garbage truck come',
          'bin collection schedule',
          'my bin was not emptied',
          'which day is rubbish collected',
        ],
      ],
      [
        'school',
        'nb',
        ['søke skoleplass', 'hvilken skole hører barnet til', 'innskriving på skolen', 'bytte skole for barnet'],
      ],
      [
        'school',
        'nn',
        ['søkje skuleplass', 'kva skule høyrer barnet til', 'innskriving på skulen', 'byte skule for barnet'],
      ],
      [
        'school',
        'da',
        ['søge skoleplads', 'hvilken skole hører barnet til', 'indskrivning i skolen', 'skifte skole for barnet'],
      ],
      [
        'school',
        'sv',
        ['söka skolplats', 'vilken skola tillhör barnet', 'skolval för barnet', 'byta skola för barnet'],
      ],
      [
        'school',
        'en',
        [
          'apply for a school place',
          'which school does my child belong to',
          'school enrolment',
          'change school for my child',
        ],
      ],
      [
        'tax',
        'nb',
        ['eiendomsskatt faktura', 'hvor mye er eiendomsskatten', 'klage på eiendomsskatt', 'betale eiendomsskatt'],
      ],
      [
        'tax',
        'nn',
        ['eigedomsskatt faktura', 'kor mykje er eigedomsskatten', 'klage på eigedomsskatt', 'betale eigedomsskatt'],
      ],
      [
        'tax',
        'da',
        ['ejendomsskat regning', 'hvor meget er ejendomsskatten', 'klage over ejendomsskat', 'betale grundskyld'],
      ],
      [
        'tax',
        'sv',
        [
          'fastighetsavgift faktura',
          'hur mycket är fastighetsavgiften',
          'överklaga fastighetsavgift',
          'betala fastighetsavgift',
        ],
      ],
      ['tax', 'en', ['property tax bill', 'how much is the property tax', 'appeal property tax', 'pay property tax']],
    ] as [string, Language, string[]][]
  ).flatMap(([intent, lang, texts]) => texts.map((text) => ({ text, intent, lang }))),
  ...[
    'fortell en vits',
    'spill musikk',
    'hva blir været',
    'bestille pizza',
    'tell me a joke',
    'play some music',
    'what is the weather',
    'order a pizza',
    'berätta ett skämt',
    'spela musik',
  ].map((text) => ({ text, intent: 'oos' })),
];

/**
 * The contract every NLU classifier must meet, whatever its features and learner: the dialogue relies on
 * deterministic, ranked, calibrated candidates and an honest out-of-scope flag.
 */
export function classifierCases(name: string, train: (examples: readonly TrainingExample[]) => NluModel): void {
  describe(`classifier contract: ${name}`, () => {
    const model = train(TOY);

    it('knows exactly the in-scope intents, sorted, without oos', () => {
      expect(model.intents).toEqual(['school', 'tax', 'waste']);
    });

    it('is deterministic: the same data gives the same scores', () => {
      const again = train(TOY);
      for (const text of ['når kommer søppelbilen i morgen', 'school place', 'xyz']) {
        expect(again.classify(text)).toEqual(model.classify(text));
      }
    });

    it('ranks candidates best first with scores in [0, 1] summing to at most 1', () => {
      for (const text of ['bytte skole', 'eiendomsskatt', 'sopor', 'hello there']) {
        const { intents } = model.classify(text);
        expect(intents.length).toBeGreaterThan(0);
        expect(intents.length).toBeLessThanOrEqual(5);
        expect(intents.some((c) => c.intent === 'oos')).toBe(false);
        for (const c of intents) expect(c.score >= 0 && c.score <= 1).toBe(true);
        for (let i = 1; i < intents.length; i++)
          expect(intents[i - 1]!.score).toBeGreaterThanOrEqual(intents[i]!.score);
        expect(intents.reduce((s, c) => s + c.score, 0)).toBeLessThanOrEqual(1 + 1e-9);
      }
    });

    it.each([
      ['når hentes søppelet', 'waste'],
      ['nar kommer soppelbilen', 'waste'],
      ['kva skule skal barnet gå på', 'school'],
      ['hvornår tømmes skraldespanden', 'waste'],
      ['fastighetsavgiften är för hög', 'tax'],
      ['my child needs a school place', 'school'],
    ])('learns the toy multilingual set: %s -> %s', (text, intent) => {
      const result = model.classify(text);
      expect(result.intents[0]?.intent).toBe(intent);
      expect(result.outOfScope).toBe(false);
    });

    it('rejects nonsense and unknown words as out of scope', () => {
      for (const text of ['qqqq zzzz', '🙂🙂🙂', 'xkcd blorf wibble'])
        expect(model.classify(text).outOfScope).toBe(true);
    });

    it('reports the language, using the context for short texts', () => {
      expect(model.classify('när kommer sopbilen').language).toBe('sv');
      expect(model.classify('ok', { languages: ['da', 'en'] }).language).toBe('da');
    });
  });
}

classifierCases('trainNlu (default)', (examples) => trainNlu(examples));
classifierCases('trainNlu (no calibration fold, fixed threshold)', (examples) =>
  trainNlu(examples, { calibrationShare: 0, oosThreshold: 0.5 }),
);
classifierCases('nluModelFrom (a structured clone of the parameters)', (examples) =>
  nluModelFrom(structuredClone(trainNlu(examples).parameters)),
);
