import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMunicipalityFiles } from './municipality-files.ts';
import { DEFAULT_CONTENT_DIR } from '../content/answer-base.ts';

const contentDir = DEFAULT_CONTENT_DIR;

describe('loadMunicipalityFiles', () => {
  it('loads the three demo municipalities, one per country', () => {
    const all = loadMunicipalityFiles(contentDir);
    expect(all.map((m) => m.country).sort()).toEqual(['dk', 'no', 'se']);
    for (const m of all) expect(m.languages).toContain(m.defaultLanguage);
  });

  it('names the file and the field of an invalid municipality', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-content-'));
    mkdirSync(join(dir, 'municipalities'));
    const good = readFileSync(join(contentDir, 'municipalities/fjordvik.yaml'), 'utf8');
    writeFileSync(join(dir, 'municipalities/fjordvik.yaml'), good.replace('country: "no"', 'country: "fi"').replace('"#0b5394"', '"blue"'));
    let message = '';
    try {
      loadMunicipalityFiles(dir);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('fjordvik.yaml');
    expect(message).toMatch(/country/);
    expect(message).toMatch(/theme\.colour/);
  });

  it('rejects a default language the municipality does not offer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-content-'));
    mkdirSync(join(dir, 'municipalities'));
    const good = readFileSync(join(contentDir, 'municipalities/alvby.yaml'), 'utf8');
    writeFileSync(join(dir, 'municipalities/alvby.yaml'), good.replace('defaultLanguage: sv', 'defaultLanguage: da'));
    expect(() => loadMunicipalityFiles(dir)).toThrow(/alvby\.yaml[\s\S]*defaultLanguage/);
  });
});
