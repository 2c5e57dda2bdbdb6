import { describe, expect, it } from 'vitest';
import { tokenize } from './text.tokenizer.ts';
import { nynorskToBokmal, stemToken } from './token.stemmer.ts';

describe('tokenize', () => {
  it('splits on punctuation and keeps letters and digits of every script', () => {
    expect(tokenize('hvor er nærmeste gjenvinningsstasjon? (åpent 24/7)')).toEqual([
      'hvor',
      'er',
      'nærmeste',
      'gjenvinningsstasjon',
      'åpent',
      '24',
      '7',
    ]);
    expect(tokenize('e-post: 😀!!')).toEqual(['e', 'post']);
    expect(tokenize('')).toEqual([]);
  });
});

describe('stemToken', () => {
  it('reduces inflected forms to one stem per language', () => {
    expect(stemToken('søknaden', 'nb')).toBe(stemToken('søknader', 'nb'));
    expect(stemToken('ansøgningen', 'da')).toBe(stemToken('ansøgning', 'da'));
    expect(stemToken('ansökningar', 'sv')).toBe(stemToken('ansökningen', 'sv'));
    expect(stemToken('applications', 'en')).toBe(stemToken('application', 'en'));
  });

  it('maps nynorsk forms to bokmål before stemming', () => {
    expect(nynorskToBokmal('korleis')).toBe('hvordan');
    expect(stemToken('ikkje', 'nn')).toBe(stemToken('ikke', 'nb'));
    expect(stemToken('skulen', 'nn')).toBe(stemToken('skolen', 'nb'));
    expect(stemToken('ikkje', 'nb')).not.toBe(stemToken('ikke', 'nb'));
  });

  it('leaves numbers alone', () => {
    expect(stemToken('2024', 'sv')).toBe('2024');
  });
});
