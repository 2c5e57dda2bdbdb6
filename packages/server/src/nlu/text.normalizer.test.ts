import { describe, expect, it } from 'vitest';
import { foldDiacritics, normalizeText } from './text.normalizer.ts';

describe('normalizeText', () => {
  it('applies NFKC, lower-cases, drops invisible characters and collapses whitespace', () => {
    expect(normalizeText('  Når  KOMMER\u200B søppel\u00ADbilen\t?')).toBe('når kommer søppelbilen ?');
    expect(normalizeText('ﬁre Ｓkole')).toBe('fire skole');
  });

  it('composes decomposed letters so å typed as a + ring matches å', () => {
    expect(normalizeText('a\u030Apningstider')).toBe('åpningstider');
  });
});

describe('foldDiacritics', () => {
  it('folds Nordic letters so text typed without them meets the same form', () => {
    expect(foldDiacritics('når kommer søppelbilen')).toBe(foldDiacritics('nar kommer soppelbilen'));
    expect(foldDiacritics('avfallshämtning före')).toBe('avfallshamtning fore');
    expect(foldDiacritics('kræft café')).toBe('kraeft cafe');
  });
});
