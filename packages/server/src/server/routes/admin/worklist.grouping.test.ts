import { describe, expect, it } from 'vitest';
import { groupBySimilarity } from './worklist.grouping.ts';

describe('worklist grouping', () => {
  it('puts similar questions together, biggest group first, labelled by their common words', () => {
    const texts = [
      'Hvor kan jeg parkere bilen min?',
      'parkere bilen ved rådhuset',
      'Når åpner svømmehallen?',
      'kan jeg parkere bilen gratis',
      'åpningstider svømmehallen',
    ];
    const groups = groupBySimilarity(texts, (t) => t);
    expect(groups[0]!.items).toEqual([texts[0], texts[1], texts[3]]);
    expect(groups[0]!.label).toBe('bilen parkere gratis');
    expect(groups.map((g) => g.items.length)).toEqual([3, 2]);
  });

  it('ignores masks and keeps texts without content words apart from the rest', () => {
    const groups = groupBySimilarity(['[telefon]', 'ring [telefon]', 'søknad om barnehage'], (t) => t);
    expect(groups.flatMap((g) => g.items)).toHaveLength(3);
    expect(groups.find((g) => g.items.includes('[telefon]'))!.label).toBe('—');
  });
});
