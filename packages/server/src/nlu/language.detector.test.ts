import { describe, expect, it } from 'vitest';
import { detectLanguage, languageEvidence } from './language.detector.ts';

describe('detectLanguage from text', () => {
  it.each([
    ['når kommer søppelbilen til oss', 'nb'],
    ['kva tid kjem bossbilen, eg har ikkje fått tømt dunken', 'nn'],
    ['hvornår bliver skraldespanden tømt hos mig', 'da'],
    ['när töms soptunnan hos oss i år', 'sv'],
    ['when is my garbage bin emptied', 'en'],
  ] as const)('%s -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('recognises text typed without diacritics', () => {
    expect(detectLanguage('hvornar kommer skraldebilen')).toBe('da');
  });
});

describe('detectLanguage with priors', () => {
  it('keeps the conversation language for short greetings and thanks', () => {
    expect(detectLanguage('hei', { languages: ['nb', 'nn', 'en'], previousLanguage: 'nn' })).toBe('nn');
    expect(detectLanguage('takk', { languages: ['nb', 'nn', 'en'], previousLanguage: 'nb' })).toBe('nb');
    expect(detectLanguage('ok', { languages: ['sv', 'en'], previousLanguage: 'en' })).toBe('en');
  });

  it("falls back to the municipality's default language when there is no signal", () => {
    expect(detectLanguage('👍', { languages: ['da', 'en'] })).toBe('da');
    expect(detectLanguage('', { languages: ['sv', 'en'] })).toBe('sv');
  });

  it('lets clear text evidence beat the previous language', () => {
    expect(
      detectLanguage('I would like to speak English please', { languages: ['nb', 'nn', 'en'], previousLanguage: 'nb' }),
    ).toBe('en');
  });

  it('only answers with an offered language', () => {
    expect(detectLanguage('när töms soptunnan', { languages: ['nb', 'nn', 'en'] })).not.toBe('sv');
  });

  it('gives no evidence for text without letters', () => {
    expect(Object.values(languageEvidence('123 !!'))).toEqual([0, 0, 0, 0, 0]);
  });
});
