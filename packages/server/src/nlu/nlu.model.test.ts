import { LANGUAGES, type Language } from '@kommunechat/protocol';
import { describe, expect, it } from 'vitest';
import { nluModelFrom, trainNlu, type ClassifyContext, type NluModel, type TrainingExample } from './index.ts';

const PHRASES: Record<string, Record<Language, string[]>> = {
  waste: {
    nb: ['når kommer søppelbilen', 'tømmeplan for søppel', 'søppeldunken er ikke tømt', 'hvilken dag hentes avfallet'],
    nn: ['når kjem bossbilen', 'tømeplan for boss', 'bossdunken er ikkje tømd', 'kva dag blir avfallet henta'],
    da: ['hvornår kommer skraldebilen', 'tømmeplan for affald', 'skraldespanden er ikke tømt', 'hvornår hentes affald'],
    sv: ['när kommer sopbilen', 'tömningsschema för sopor', 'soptunnan är inte tömd', 'vilken dag hämtas soporna'],
    en: ['when does the garbage truck come', 'bin collection schedule', 'my bin was not emptied', 'rubbish day'],
  },
  school: {
    nb: ['søke skoleplass', 'hvilken skole hører barnet til', 'innskriving på skolen', 'bytte skole for barnet'],
    nn: ['søkje skuleplass', 'kva skule høyrer barnet til', 'innskriving på skulen', 'byte skule for barnet'],
    da: ['søge skoleplads', 'hvilken skole hører barnet til', 'indskrivning i skolen', 'skifte skole for barnet'],
    sv: ['söka skolplats', 'vilken skola tillhör barnet', 'inskrivning i skolan', 'byta skola för barnet'],
    en: ['apply for a school place', 'which school does my child belong to', 'school enrolment', 'change school'],
  },
  library: {
    nb: ['når åpner biblioteket', 'åpningstider for biblioteket', 'låne bøker', 'fornye lånet på biblioteket'],
    nn: ['når opnar biblioteket', 'opningstider for biblioteket', 'låne bøker', 'fornye lånet på biblioteket'],
    da: ['hvornår åbner biblioteket', 'åbningstider for biblioteket', 'låne bøger', 'forny lån på biblioteket'],
    sv: ['när öppnar biblioteket', 'öppettider för biblioteket', 'låna böcker', 'förnya lånet på biblioteket'],
    en: ['when does the library open', 'library opening hours', 'borrow books', 'renew my library loan'],
  },
};
const NEGATIVES = [
  'fortell en vits',
  'spill musikk',
  'hva blir været',
  'tell me a joke',
  'order a pizza',
  'spela musik',
];

const TRAINING: TrainingExample[] = [
  ...Object.entries(PHRASES).flatMap(([intent, byLang]) =>
    LANGUAGES.flatMap((lang) => byLang[lang].map((text) => ({ text, intent, lang }))),
  ),
  ...NEGATIVES.map((text) => ({ text, intent: 'oos' })),
];

/** Unseen phrasings in every language, compounds, folded spellings, and messages out of scope. */
const MESSAGES = [
  'nar kommer soppelbilen i morgen',
  'søppeltømming',
  'kva tid opnar biblioteket på laurdag',
  'hvornår tømmes skraldespanden',
  'öppettider biblioteket',
  'my child needs a school place',
  'skolebytte',
  'byta skola',
  'what is the weather tomorrow',
  'kan du synge en sang',
  'qqqq zzzz',
  '🙂🙂🙂',
  'ok',
  '',
];
const CONTEXTS: ClassifyContext[] = [
  {},
  { languages: ['nn', 'nb', 'en'] },
  { languages: ['sv', 'en'], previousLanguage: 'en' },
];
const classifyAll = (model: NluModel) =>
  MESSAGES.flatMap((text) => CONTEXTS.map((context) => model.classify(text, context)));

describe('the parameters of a trained model', () => {
  const model = trainNlu(TRAINING);

  it('rebuild, after a structured clone, a model that classifies exactly like the original', () => {
    const copy = nluModelFrom(structuredClone(model.parameters));
    const expected = classifyAll(model);
    // Not vacuous: every language, in-scope and out-of-scope results.
    expect(new Set(expected.map((r) => r.language))).toEqual(new Set(LANGUAGES));
    expect(expected.some((r) => r.outOfScope)).toBe(true);
    expect(expected.some((r) => !r.outOfScope)).toBe(true);
    // toStrictEqual compares the scores with Object.is: bit for bit.
    expect(classifyAll(copy)).toStrictEqual(expected);
    expect(copy.intents).toStrictEqual(model.intents);
    expect(copy.calibration).toStrictEqual(model.calibration);
  });

  it('are plain data: only arrays, typed arrays, Maps, strings and numbers', () => {
    const plain = (v: unknown): boolean =>
      typeof v === 'string' ||
      typeof v === 'number' ||
      v === null ||
      ArrayBuffer.isView(v) ||
      (v instanceof Map && [...v].every(([k, x]) => plain(k) && plain(x))) ||
      (Array.isArray(v) && v.every(plain)) ||
      (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain));
    expect(plain(model.parameters)).toBe(true);
  });

  it('hold no language model when the training had a single language', () => {
    const english = TRAINING.filter((e) => e.lang === 'en');
    const small = trainNlu(english);
    expect(small.parameters.languageModel).toBeNull();
    const copy = nluModelFrom(structuredClone(small.parameters));
    expect(classifyAll(copy)).toStrictEqual(classifyAll(small));
  });
});
