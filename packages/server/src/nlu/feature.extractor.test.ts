import { describe, expect, it } from 'vitest';
import { createCompoundSplitter } from './compound.splitter.ts';
import { extractFeatures } from './feature.extractor.ts';
import { fitVectorizer } from './feature.vectorizer.ts';

const shared = (a: Map<string, number>, b: Map<string, number>): number => [...a.keys()].filter((k) => b.has(k)).length;

describe('extractFeatures', () => {
  it('gives the same features with and without diacritics', () => {
    expect([...extractFeatures('når kommer søppelbilen', 'nb').keys()].sort()).toEqual(
      [...extractFeatures('nar kommer soppelbilen', 'nb').keys()].sort(),
    );
  });

  it('has word, stem, bigram and character n-gram groups', () => {
    const f = extractFeatures('tømme søppel', 'nb');
    expect(f.has('w:tomme')).toBe(true);
    expect(f.has('b:<s> ' + [...f.keys()].find((k) => k.startsWith('s:'))!.slice(2))).toBe(true);
    expect(f.has('c:<tom')).toBe(true);
    expect(f.has('c:ppel>')).toBe(true);
  });

  it('lets a typo keep most of a word', () => {
    const right = extractFeatures('byggetillatelse', 'nb');
    const typo = extractFeatures('bygetillatelse', 'nb');
    expect(shared(right, typo) / right.size).toBeGreaterThan(0.5);
  });

  it('splits compounds into known words when given a splitter', () => {
    const splitter = createCompoundSplitter(new Set(['avfall', 'hamtning', 'bygge', 'tilladelse']));
    expect(splitter('avfallshamtning')).toEqual(['avfall', 'hamtning']);
    expect(splitter('byggetilladelse')).toEqual(['bygge', 'tilladelse']);
    expect(splitter('hamtning')).toEqual([]);
    expect(extractFeatures('avfallshämtning', 'sv', splitter).has('w:hamtning')).toBe(true);
  });
});

describe('fitVectorizer', () => {
  const docs = [
    extractFeatures('tømme søppel', 'nb'),
    extractFeatures('søppel henting', 'nb'),
    extractFeatures('betale faktura', 'nb'),
  ];
  const vectorizer = fitVectorizer(docs, { minDocumentFrequency: 1 });

  it('produces unit-length sparse vectors', () => {
    const x = vectorizer.vectorize(docs[0]!);
    const norm = Math.sqrt(x.values.reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 6);
    expect(new Set(x.indices).size).toBe(x.indices.length);
  });

  it('ignores features unseen in training', () => {
    expect(vectorizer.vectorize(extractFeatures('xyzzy', 'nb')).indices.length).toBe(0);
  });

  it('drops rare features when asked', () => {
    expect(fitVectorizer(docs, { minDocumentFrequency: 2 }).size).toBeLessThan(vectorizer.size);
  });
});
