import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_DIR } from '../content/answer-base.ts';
import { loadMunicipalityFiles } from '../content/municipality-files.ts';
import { buildUnderstanding, type Understanding } from '../runtime.ts';
import { openingMessages, PAYLOAD, takeTurn, type DialogueContext } from './dialogue.turn.ts';
import { DEFAULT_THRESHOLDS, type MunicipalityContext } from './dialogue.types.ts';
import { toContext } from './municipality.directory.ts';
import type { AnswerOverride } from '../content/answer.resolver.ts';
import type { Language } from '@kommunechat/protocol';

const municipalities = loadMunicipalityFiles(DEFAULT_CONTENT_DIR);
const NOW = new Date('2026-03-02T09:00:00Z');

function contextOf(slug: string, overrides: AnswerOverride[] = []): MunicipalityContext {
  const m = municipalities.find((x) => x.slug === slug)!;
  const municipality = {
    ...m,
    id: slug,
    retentionDays: m.retentionDays ?? null,
    pages: m.pages ?? {},
    privacyStatementUrl: m.privacyStatementUrl ?? null,
  };
  return toContext(municipality, overrides, { defaultDays: 21, maxDays: 90 });
}

describe('one dialogue turn', () => {
  let u: Understanding;
  let fjordvik: DialogueContext;
  beforeAll(async () => {
    u = await buildUnderstanding(DEFAULT_CONTENT_DIR);
    fjordvik = { nlu: u.nlu, base: u.base, municipality: contextOf('fjordvik'), thresholds: DEFAULT_THRESHOLDS };
  });
  const turn = (
    ctx: DialogueContext,
    text: string,
    language: Language = 'nb',
    extra: Partial<Parameters<typeof takeTurn>[1]> = {},
  ) => takeTurn(ctx, { text, language, state: { failedTurns: 0 }, now: NOW, ...extra });

  it('opens with a greeting and a notice that it is an automated assistant and how data is handled', () => {
    const [notice, greeting] = openingMessages(fjordvik, 'nb');
    expect(greeting!.text).toMatch(/^Hei/);
    expect(greeting!.quickReplies!.map((q) => q.payload)).toContain(PAYLOAD.intent('waste.collection_schedule'));
    expect(notice!.text).toContain('automatisk assistent');
    expect(notice!.text).toContain('21 dager');
    expect(notice!.text).not.toContain('{{');
  });

  it('answers a clear question with the rendered answer of its intent for the municipality', () => {
    const r = turn(fjordvik, 'når kommer søppelbilen til meg?');
    expect(r.outcome).toBe('answered');
    expect(r.intent).toBe('waste.collection_schedule');
    expect(r.messages[0]!.text).not.toMatch(/\{\{|\}\}/);
    expect(r.state.failedTurns).toBe(0);
  });

  it('replies in the language the citizen wrote when the municipality offers it, else in its default', () => {
    expect(turn(fjordvik, 'when is the garbage collected at my house?').language).toBe('en');
    expect(turn(fjordvik, 'kva tid kjem bossbilen og hentar avfallet mitt?', 'nb').language).toBe('nn');
    expect(turn(fjordvik, 'hvornår bliver mit affald hentet af skraldebilen?').language).toBe('nb');
  });

  it('answers per country: passports come from the police in Norway and from Borgerservice in Denmark', () => {
    const no = turn(fjordvik, 'hvordan søker jeg om nytt pass?');
    expect(no.intent).toBe('civil.passport');
    expect(no.messages[0]!.text.toLowerCase()).toContain('politi');
    const bogelund = { ...fjordvik, municipality: contextOf('bogelund') };
    const dk = turn(bogelund, 'hvordan får jeg et nyt pas?', 'da');
    expect(dk.intent).toBe('civil.passport');
    expect(dk.messages[0]!.text.toLowerCase()).toContain('borgerservice');
  });

  it('says honestly when a message is out of scope, and offers a person after two failed turns', () => {
    const first = turn(fjordvik, 'kan du bestille en pizza med ekstra ost til meg');
    expect(first.outcome).toBe('fallback');
    expect(first.intent).toBe('oos');
    expect(first.messages).toHaveLength(1);
    expect(first.messages[0]!.text).toContain(fjordvik.municipality.facts.contact.phone);
    const second = turn(fjordvik, 'asdfgh qwerty zxcvb', 'nb', { state: first.state });
    expect(second.state.failedTurns).toBe(2);
    expect(second.messages.at(-1)!.quickReplies).toEqual([expect.objectContaining({ payload: PAYLOAD.human })]);
  });

  it('asks which was meant, with the two candidates as quick replies, when the top two are close', () => {
    const ctx = { ...fjordvik, thresholds: { ...DEFAULT_THRESHOLDS, clarifyMargin: 1, minimum: 0 } };
    const r = turn(ctx, 'søppel');
    expect(r.outcome).toBe('clarified');
    const payloads = r.messages[0]!.quickReplies!.map((q) => q.payload);
    expect(payloads).toHaveLength(3);
    expect(payloads.at(-1)).toBe(PAYLOAD.none);
    const chosen = turn(ctx, r.messages[0]!.quickReplies![0]!.label, 'nb', { quickReply: payloads[0] });
    expect(chosen.outcome).toBe('answered');
    expect(`intent:${chosen.intent}`).toBe(payloads[0]);
  });

  it('uses the municipality override over the shared answer, replacing or extending it', () => {
    const replaced = {
      ...fjordvik,
      municipality: contextOf('fjordvik', [
        {
          intent: 'waste.collection_schedule',
          language: 'nb' as const,
          mode: 'replace' as const,
          text: 'Fjordvik tømmer hver tirsdag.',
        },
      ]),
    };
    expect(turn(replaced, 'når kommer søppelbilen til meg?').messages[0]!.text).toBe('Fjordvik tømmer hver tirsdag.');
    const extended = {
      ...fjordvik,
      municipality: contextOf('fjordvik', [
        {
          intent: 'waste.collection_schedule',
          language: 'nb' as const,
          mode: 'extend' as const,
          text: 'Husk å sette dunken ut kvelden før.',
        },
      ]),
    };
    const text = turn(extended, 'når kommer søppelbilen til meg?').messages[0]!.text;
    expect(text).toContain(turn(fjordvik, 'når kommer søppelbilen til meg?').messages[0]!.text);
    expect(text.endsWith('Husk å sette dunken ut kvelden før.')).toBe(true);
  });

  it('handles the bot intents: who are you says it is automated; delete points to the menu', () => {
    const who = turn(fjordvik, 'er du en robot eller et menneske?');
    expect(who.intent).toBe('bot.who_are_you');
    expect(who.messages[0]!.text.toLowerCase()).toMatch(/automat|chatbot|robot/);
    const del = turn(fjordvik, 'hvordan sletter jeg denne samtalen?');
    expect(del.intent).toBe('bot.delete_conversation');
    expect(del.messages[0]!.text).toContain('?');
  });

  it('offers a person for intents that need one', () => {
    const r = turn(fjordvik, 'jeg er bekymret for et barn i nabolaget som ikke har det bra hjemme');
    expect(r.intent).toBe('social.child_welfare');
    expect(r.outcome).toBe('handover');
    expect(r.messages[0]!.quickReplies![0]!.payload).toBe(PAYLOAD.human);
  });
});
