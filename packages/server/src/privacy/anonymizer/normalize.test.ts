import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';
import { anonymize } from './index.ts';

describe('normalizeText', () => {
  it('removes zero-width, soft hyphen and bidi controls and maps each unit back to the input', () => {
    const input = 'a\u200Bb\u00ADc\u202Ed\uFEFFe\u2060f';
    const n = normalizeText(input);
    expect(n.text).toBe('abcdef');
    expect([...n.starts]).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('applies NFKC per cluster and keeps the cluster range for expanded characters', () => {
    const n = normalizeText('x\uFB01y'); // ﬁ ligature -> "fi"
    expect(n.text).toBe('xfiy');
    expect([...n.starts]).toEqual([0, 1, 1, 2]);
    expect([...n.ends]).toEqual([1, 2, 2, 3]);
    expect(normalizeText('e\u0301').text).toBe('é');
  });

  it('folds fullwidth and Arabic-Indic digits to ASCII digits in the folded text', () => {
    expect(normalizeText('１２３').folded).toBe('123');
    const n = normalizeText('\u0661\u0662\u0663 Ab');
    expect(n.folded).toBe('123 ab');
    expect(n.text).toBe('\u0661\u0662\u0663 Ab');
  });
});

describe('anonymize after normalisation', () => {
  it('masks a phone number split by zero-width characters, with spans in input offsets', () => {
    const input = 'ring 912\u200B34\u200B567 nå';
    const r = anonymize(input, { lang: 'nb' });
    expect(r.text).toBe('ring [nummer] nå');
    expect(r.spans).toEqual([{ start: 5, end: 15, category: 'number' }]);
    expect(input.slice(5, 15)).toBe('912\u200B34\u200B567');
  });

  it('masks Arabic-Indic and fullwidth digit numbers', () => {
    const arabic = 'رقمي \u0669\u0661\u0662\u0663\u0664\u0665\u0666\u0667';
    const r = anonymize(arabic);
    expect(r.spans).toEqual([{ start: 5, end: 13, category: 'number' }]);
    const full = '電話 ９１２３４５６７';
    expect(anonymize(full).spans).toEqual([{ start: 3, end: 11, category: 'number' }]);
  });

  it('maps spans after expanding characters back to the input', () => {
    const input = '\uFB01ne. Jeg heter Kari Nordmann';
    const r = anonymize(input, { lang: 'nb' });
    expect(r.spans).toHaveLength(1);
    expect(input.slice(r.spans[0]!.start, r.spans[0]!.end)).toBe('Kari Nordmann');
  });

  it('masks an e-mail written with fullwidth letters', () => {
    const input = 'ｋａｒｉ@ｅｘａｍｐｌｅ.ｎｏ';
    expect(anonymize(input).spans).toEqual([{ start: 0, end: input.length, category: 'email' }]);
  });
});
