import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COUNTRY_LANGUAGES, LANGUAGES } from '@kommunechat/protocol';
import { DEFAULT_CONTENT_DIR, MIN_PHRASES_PER_INTENT, municipalityAnswerProblems, readAnswerBase } from './answer-base.ts';
import { loadMunicipalityFiles } from './municipality-files.ts';

describe('the shipped answer base (what `kommunechat content check` validates)', async () => {
  const { base, problems } = await readAnswerBase(DEFAULT_CONTENT_DIR);

  it('has no problems: schema, every catalog intent, every country language, known placeholders', () => {
    expect(problems).toEqual([]);
    expect(base.intents.size).toBe(149);
  });

  it('has enough varied phrases in every language for every intent', () => {
    for (const intent of base.intents.values()) {
      const counts = LANGUAGES.map((l) => intent.phrases[l].length);
      expect(Math.min(...counts), intent.id).toBeGreaterThanOrEqual(3);
      expect(counts.reduce((a, b) => a + b), intent.id).toBeGreaterThanOrEqual(MIN_PHRASES_PER_INTENT);
      for (const [country, langs] of Object.entries(COUNTRY_LANGUAGES)) {
        for (const l of langs) expect((intent.answers as Record<string, Record<string, string>>)[country]![l], `${intent.id} ${country}.${l}`).toBeTruthy();
      }
    }
  });

  it("validates the demo municipalities' own answers", () => {
    for (const m of loadMunicipalityFiles(DEFAULT_CONTENT_DIR)) expect(municipalityAnswerProblems(m, base)).toEqual([]);
  });
});

describe('content check on a broken copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kommunechat-content-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file, the intent and the problem', async () => {
    cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
    const waste = join(dir, 'areas', 'waste.yaml');
    writeFileSync(waste, readFileSync(waste, 'utf8').replace('{{links.waste_calendar}}', '{{links.nowhere}}').replace('id: waste.bulky_waste', 'id: waste.no_such_intent'));
    const { problems } = await readAnswerBase(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^areas\/waste\.yaml: waste\.collection_schedule\.answers\.no\.nb: unknown placeholder \{\{links\.nowhere\}\}/),
        expect.stringMatching(/^areas\/waste\.yaml: waste\.no_such_intent: not an intent of area "waste"/),
        'catalog intent waste.bulky_waste has no content',
      ]),
    );
  });
});
