import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_DIR, loadAnswerBase, type IntentContent } from './answer-base.ts';
import { isOverrideInEffect, overrideKey, resolveAnswer, type AnswerOverride } from './answer.resolver.ts';

describe('resolveAnswer with an own answer valid for a period', () => {
  let intent: IntentContent;
  const validFrom = new Date('2026-09-01T06:00:00Z');
  const validTo = new Date('2026-09-14T18:00:00Z');
  const election: AnswerOverride = {
    intent: '',
    language: 'nb',
    mode: 'replace',
    text: 'Valglokalet er åpent hele uken.',
    validFrom,
    validTo,
  };
  beforeAll(async () => {
    const base = await loadAnswerBase(DEFAULT_CONTENT_DIR);
    intent = [...base.intents.values()].find((i) => !i.followUp)!;
    election.intent = intent.id;
  });
  const at = (now: Date, o: AnswerOverride = election) =>
    resolveAnswer(intent, {
      country: 'no',
      language: 'nb',
      overrides: new Map([[overrideKey(o.intent, o.language), o]]),
      now,
    });
  const shared = () => (intent.answers.no as Record<string, string>).nb;

  it('gives the shared answer before the period starts', () => {
    expect(at(new Date(validFrom.getTime() - 1))).toBe(shared());
  });

  it('gives the own answer within the period, from its first instant', () => {
    expect(at(validFrom)).toBe(election.text);
    expect(at(new Date('2026-09-07T12:00:00Z'))).toBe(election.text);
  });

  it('gives the shared answer again from the end of the period (exclusive) on', () => {
    expect(at(validTo)).toBe(shared());
    expect(at(new Date('2027-01-01T00:00:00Z'))).toBe(shared());
  });

  it('treats a missing bound as open: only a start, only an end, or neither', () => {
    const onlyFrom = { ...election, validTo: null };
    const onlyTo = { ...election, validFrom: undefined };
    expect(at(new Date('2030-01-01T00:00:00Z'), onlyFrom)).toBe(election.text);
    expect(at(new Date('2020-01-01T00:00:00Z'), onlyTo)).toBe(election.text);
    expect(isOverrideInEffect({}, new Date(0))).toBe(true);
  });

  it('extends the shared answer only within the period', () => {
    const extend = { ...election, mode: 'extend' as const };
    expect(at(new Date('2026-09-07T12:00:00Z'), extend)).toBe(`${shared()!.trimEnd()}\n\n${election.text}`);
    expect(at(new Date('2026-10-01T00:00:00Z'), extend)).toBe(shared());
  });
});
