import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Type, type Static } from '@sinclair/typebox';
import { COUNTRY_LANGUAGES, LANGUAGES, OUT_OF_SCOPE, PAGE_KEYS, PLACEHOLDERS, type Country, type Language, type MunicipalitySettings } from '@kommunechat/protocol';
import type { TrainingExample } from '../nlu/index.ts';
import { validationProblems } from './validate.ts';

const Text = Type.String({ minLength: 1 });
const byLanguage = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Array>>(schema: T) =>
  Type.Object({ nb: schema, nn: schema, da: schema, sv: schema, en: schema }, { additionalProperties: false });

const CountryAnswersSchema = Type.Object(
  {
    no: Type.Object({ nb: Text, nn: Text, en: Text }, { additionalProperties: false }),
    dk: Type.Object({ da: Text, en: Text }, { additionalProperties: false }),
    se: Type.Object({ sv: Text, en: Text }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const TitlesSchema = byLanguage(Type.String({ minLength: 1, maxLength: 40 }));

const FollowUpSchema = Type.Object(
  {
    question: byLanguage(Text),
    options: Type.Array(
      Type.Object(
        { key: Type.String({ pattern: '^[a-z0-9_-]+$' }), label: TitlesSchema, answers: CountryAnswersSchema },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: 6 },
    ),
  },
  { additionalProperties: false },
);

const IntentSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z]+\\.[a-z0-9_]+$' }),
    title: TitlesSchema,
    needsHuman: Type.Optional(Type.Boolean()),
    phrases: byLanguage(Type.Array(Text, { minItems: 3 })),
    answers: CountryAnswersSchema,
    related: Type.Optional(Type.Array(Type.String(), { maxItems: 3 })),
    followUp: Type.Optional(FollowUpSchema),
  },
  { additionalProperties: false },
);

const AreaFileSchema = Type.Object(
  { area: Type.String({ pattern: '^[a-z]+$' }), intents: Type.Array(IntentSchema) },
  { additionalProperties: false },
);

/** The words of the dialogue itself (content/system.yaml), per language. */
export const SYSTEM_TEXT_KEYS = ['notice', 'greeting', 'fallback', 'offerHuman', 'clarify', 'noneOfThese', 'talkToPerson'] as const;
export type SystemTextKey = (typeof SYSTEM_TEXT_KEYS)[number];
const SystemFileSchema = Type.Object(
  {
    ...(Object.fromEntries(SYSTEM_TEXT_KEYS.map((k) => [k, byLanguage(Text)])) as Record<SystemTextKey, ReturnType<typeof byLanguage>>),
    suggestions: Type.Array(Type.String(), { maxItems: 6 }),
  },
  { additionalProperties: false },
);

const OutOfScopeFileSchema = Type.Object(
  { phrases: byLanguage(Type.Array(Text, { minItems: 1 })) },
  { additionalProperties: false },
);

export type CountryAnswers = Static<typeof CountryAnswersSchema>;
export type IntentContent = Static<typeof IntentSchema> & { area: string };
export type FollowUp = Static<typeof FollowUpSchema>;

/** The shared answer base: every intent of the catalog with its phrases and answers, plus out-of-scope examples. */
export interface AnswerBase {
  intents: ReadonlyMap<string, IntentContent>;
  outOfScope: Readonly<Record<Language, readonly string[]>>;
  system: Readonly<Record<SystemTextKey, Readonly<Record<Language, string>>>>;
  /** intents offered as quick replies with the greeting */
  suggestions: readonly string[];
}

/** Minimum training phrases per intent, over all languages (per language the schema asks for 3). */
export const MIN_PHRASES_PER_INTENT = 20;

export class AnswerBaseError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`the answer base has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AnswerBaseError';
    this.problems = problems;
  }
}

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const KNOWN_PLACEHOLDERS = new Set<string>([...PLACEHOLDERS, ...PAGE_KEYS.map((k) => `links.${k}`)]);

function placeholderProblems(where: string, text: string): string[] {
  const problems: string[] = [];
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!KNOWN_PLACEHOLDERS.has(name as string)) problems.push(`${where}: unknown placeholder {{${name}}}`);
  }
  if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) problems.push(`${where}: unbalanced {{ }}`);
  return problems;
}

function answersProblems(where: string, answers: CountryAnswers): string[] {
  return (Object.keys(COUNTRY_LANGUAGES) as Country[]).flatMap((country) =>
    COUNTRY_LANGUAGES[country].flatMap((lang) =>
      placeholderProblems(`${where}.${country}.${lang}`, (answers[country] as Record<string, string>)[lang] ?? ''),
    ),
  );
}

/** Reads the intent catalog (content/intents.tsv): id -> area. */
export async function loadCatalog(contentDir: string): Promise<Map<string, string>> {
  const lines = (await readFile(join(contentDir, 'intents.tsv'), 'utf8')).split('\n').slice(1);
  return new Map(lines.filter((l) => l.trim()).map((l) => l.split('\t') as [string, string]));
}

async function readYaml(file: string, problems: string[]): Promise<unknown> {
  try {
    return parse(await readFile(file, 'utf8'));
  } catch (err) {
    problems.push(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/**
 * Loads and validates content/areas/*.yaml and content/out-of-scope.yaml against the catalog.
 * Returns the base and every problem found (schema, coverage, languages, placeholders, references).
 */
export async function readAnswerBase(contentDir: string): Promise<{ base: AnswerBase; problems: string[] }> {
  const problems: string[] = [];
  const catalog = await loadCatalog(contentDir);
  const intents = new Map<string, IntentContent>();
  const phraseOwner = new Map<string, string>();
  const areaDir = join(contentDir, 'areas');
  const files = (await readdir(areaDir)).filter((f) => f.endsWith('.yaml')).sort();
  for (const f of files) {
    const file = join('areas', f);
    const data = await readYaml(join(areaDir, f), problems);
    const schemaProblems = validationProblems(AreaFileSchema, data);
    if (schemaProblems.length > 0) {
      problems.push(...schemaProblems.map((p) => `${file}: ${p}`));
      continue;
    }
    const area = data as Static<typeof AreaFileSchema>;
    if (`${area.area}.yaml` !== f) problems.push(`${file}: area "${area.area}" must match the file name`);
    for (const intent of area.intents) {
      const where = `${file}: ${intent.id}`;
      if (catalog.get(intent.id) !== area.area) problems.push(`${where}: not an intent of area "${area.area}" in the catalog`);
      if (intents.has(intent.id)) problems.push(`${where}: defined twice`);
      const count = LANGUAGES.reduce((n, l) => n + intent.phrases[l].length, 0);
      if (count < MIN_PHRASES_PER_INTENT) problems.push(`${where}: ${count} phrases, at least ${MIN_PHRASES_PER_INTENT} needed`);
      for (const lang of LANGUAGES) {
        for (const phrase of intent.phrases[lang]) {
          const key = `${lang}:${phrase.trim().toLowerCase()}`;
          const owner = phraseOwner.get(key);
          if (owner && owner !== intent.id) problems.push(`${where}: phrase also in ${owner} (${lang})`);
          phraseOwner.set(key, intent.id);
        }
      }
      problems.push(...answersProblems(`${where}.answers`, intent.answers));
      for (const option of intent.followUp?.options ?? []) {
        problems.push(...answersProblems(`${where}.followUp.${option.key}`, option.answers));
      }
      for (const related of intent.related ?? []) {
        if (!catalog.has(related)) problems.push(`${where}: related "${related}" is not a catalog id`);
      }
      intents.set(intent.id, { ...intent, area: area.area });
    }
  }
  for (const id of catalog.keys()) if (!intents.has(id)) problems.push(`catalog intent ${id} has no content`);

  const oosData = await readYaml(join(contentDir, 'out-of-scope.yaml'), problems);
  const oosProblems = oosData === undefined ? [] : validationProblems(OutOfScopeFileSchema, oosData);
  problems.push(...oosProblems.map((p) => `out-of-scope.yaml: ${p}`));
  const outOfScope =
    oosData !== undefined && oosProblems.length === 0
      ? (oosData as Static<typeof OutOfScopeFileSchema>).phrases
      : { nb: [], nn: [], da: [], sv: [], en: [] };

  const systemData = await readYaml(join(contentDir, 'system.yaml'), problems);
  const systemProblems = systemData === undefined ? [] : validationProblems(SystemFileSchema, systemData);
  problems.push(...systemProblems.map((p) => `system.yaml: ${p}`));
  const { suggestions = [], ...system } = (systemProblems.length === 0 ? systemData : {}) as Partial<AnswerBase['system']> & { suggestions?: string[] };
  for (const [key, texts] of Object.entries(system)) {
    for (const [lang, text] of Object.entries(texts)) problems.push(...placeholderProblems(`system.yaml: ${key}.${lang}`, text));
  }
  for (const id of suggestions) if (!catalog.has(id)) problems.push(`system.yaml: suggestion "${id}" is not a catalog id`);
  const empty = Object.fromEntries(LANGUAGES.map((l) => [l, ''])) as Record<Language, string>;
  return {
    base: {
      intents,
      outOfScope,
      system: systemProblems.length === 0 ? (system as AnswerBase['system']) : (Object.fromEntries(SYSTEM_TEXT_KEYS.map((k) => [k, empty])) as AnswerBase['system']),
      suggestions,
    },
    problems,
  };
}

/** Loads the answer base; fails with every problem listed when it is not valid. */
export async function loadAnswerBase(contentDir: string): Promise<AnswerBase> {
  const { base, problems } = await readAnswerBase(contentDir);
  if (problems.length > 0) throw new AnswerBaseError(problems);
  return base;
}

/** Every training phrase of the base as labelled examples, plus the out-of-scope negatives. */
export function trainingExamples(base: AnswerBase): TrainingExample[] {
  const examples: TrainingExample[] = [];
  for (const intent of base.intents.values()) {
    for (const lang of LANGUAGES) for (const text of intent.phrases[lang]) examples.push({ text, intent: intent.id, lang });
  }
  for (const lang of LANGUAGES) for (const text of base.outOfScope[lang]) examples.push({ text, intent: OUT_OF_SCOPE, lang });
  return examples;
}

/** The shipped answer base's training examples (what `nlu-eval` trains on without `--train`). */
export async function loadTrainingExamples(contentDir: string = DEFAULT_CONTENT_DIR): Promise<TrainingExample[]> {
  return trainingExamples(await loadAnswerBase(contentDir));
}

/** content/ of the repository (this file is packages/server/src/content/answer-base.ts). */
export const DEFAULT_CONTENT_DIR = new URL('../../../../content', import.meta.url).pathname;

/** Problems of a municipality's own answers: unknown intents, languages it does not offer, unknown placeholders. */
export function municipalityAnswerProblems(m: MunicipalitySettings, base: AnswerBase): string[] {
  return (m.answers ?? []).flatMap((a, i) => {
    const where = `${m.slug}.yaml: answers.${i}`;
    return [
      ...(base.intents.has(a.intent) ? [] : [`${where}.intent: "${a.intent}" is not an intent of the answer base`]),
      ...(m.languages.includes(a.language) ? [] : [`${where}.language: ${a.language} is not one of the municipality's languages`]),
      ...placeholderProblems(`${where}.text`, a.text),
    ];
  });
}
