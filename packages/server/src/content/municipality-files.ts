import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MunicipalitySettingsSchema, type MunicipalitySettings } from '@kommunechat/protocol';
import { validationProblems } from './validate.ts';

export class ContentFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentFileError';
  }
}

/** Reads and validates every content/municipalities/*.yaml; an invalid file fails naming the file and field. */
export function loadMunicipalityFiles(contentDir: string): MunicipalitySettings[] {
  const dir = join(contentDir, 'municipalities');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  return files.map((f) => {
    const file = join(dir, f);
    let data: unknown;
    try {
      data = parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ContentFileError(file, [`not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
    }
    const problems = validationProblems(MunicipalitySettingsSchema, data);
    const settings = data as MunicipalitySettings;
    if (problems.length === 0) {
      if (!settings.languages.includes(settings.defaultLanguage)) problems.push('defaultLanguage: must be one of languages');
      if (`${settings.slug}.yaml` !== f) problems.push(`slug: must match the file name (${f})`);
    }
    if (problems.length > 0) throw new ContentFileError(file, problems);
    return settings;
  });
}
