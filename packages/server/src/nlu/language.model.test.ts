import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.detector.ts';
import { trainLanguageModel } from './language.model.ts';

const examples = [
  { text: 'kva er opningstidene til rådhuset', lang: 'nn' as const },
  { text: 'eg treng hjelp med søknaden', lang: 'nn' as const },
  { text: 'korleis søkjer eg om barnehageplass', lang: 'nn' as const },
  { text: 'vassmålaren er øydelagd', lang: 'nn' as const },
  { text: 'hva er åpningstidene til rådhuset', lang: 'nb' as const },
  { text: 'jeg trenger hjelp med søknaden', lang: 'nb' as const },
  { text: 'hvordan søker jeg om barnehageplass', lang: 'nb' as const },
  { text: 'vannmåleren er ødelagt', lang: 'nb' as const },
];

describe('the language model learned from labelled phrases', () => {
  it('is only built from at least two languages', () => {
    expect(trainLanguageModel(examples.filter((e) => e.lang === 'nb'))).toBeUndefined();
  });

  it('gives posteriors that sum to 1 and favour the language whose words and n-grams it saw', () => {
    const model = trainLanguageModel(examples)!;
    const e = model.evidence('opningstider og søknad, eg treng svar');
    expect(e.nn + e.nb + e.da + e.sv + e.en).toBeCloseTo(1, 6);
    expect(e.nn).toBeGreaterThan(e.nb);
    expect(model.evidence('1234 ???')).toEqual({ nb: 0, nn: 0, da: 0, sv: 0, en: 0 });
  });

  it('tips the detector towards nynorsk where generic profiles see bokmål', () => {
    const model = trainLanguageModel(examples)!;
    const context = { languages: ['nb', 'nn', 'en'] as const };
    const text = 'opningstidene til rådhuset';
    expect(detectLanguage(text, { languages: [...context.languages] })).toBe('nb');
    expect(detectLanguage(text, { languages: [...context.languages] }, model)).toBe('nn');
    expect(detectLanguage('åpningstidene til rådhuset', { languages: [...context.languages] }, model)).toBe('nb');
  });
});
