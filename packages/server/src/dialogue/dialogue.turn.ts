import { OUT_OF_SCOPE, type Language } from '@kommunechat/protocol';
import type { AnswerBase, IntentContent, SystemTextKey } from '../content/answer-base.ts';
import { answerLanguage, resolveAnswer } from '../content/answer.resolver.ts';
import { renderAnswer } from '../content/answer.renderer.ts';
import type { NluModel } from '../nlu/index.ts';
import type {
  BotMessage,
  DialogueState,
  DialogueThresholds,
  MunicipalityContext,
  QuickReply,
  TurnResult,
} from './dialogue.types.ts';

export interface DialogueContext {
  nlu: NluModel;
  base: AnswerBase;
  municipality: MunicipalityContext;
  thresholds: DialogueThresholds;
}

export interface TurnInput {
  /** the citizen's raw text: used in memory for this turn only */
  text: string;
  /** payload of the quick reply the citizen chose, if any */
  quickReply?: string | undefined;
  /** the conversation's language so far */
  language: Language;
  state: DialogueState;
  /** the time of the turn, from the injected clock: decides which own answers are in their validity period */
  now: Date;
}

/** Quick-reply payloads: what a button means, independent of its label. */
export const PAYLOAD = {
  intent: (id: string) => `intent:${id}`,
  option: (id: string, key: string) => `option:${id}:${key}`,
  none: 'none',
  human: 'human',
} as const;

const HUMAN_INTENT = 'bot.human_agent';

/** The language to answer in: the citizen's, if the municipality offers it, else the municipality's default. */
function replyLanguage(m: MunicipalityContext, detected: Language): Language {
  return m.languages.includes(detected) ? detected : m.defaultLanguage;
}

/**
 * Starts a conversation: the privacy and AI notice, then the greeting with suggested topics as quick replies, in
 * the requested or default language.
 */
export function openingMessages(ctx: Pick<DialogueContext, 'base' | 'municipality'>, language: Language): BotMessage[] {
  const lang = replyLanguage(ctx.municipality, language);
  const quickReplies = ctx.base.suggestions
    .map((id) => ctx.base.intents.get(id))
    .filter((i): i is IntentContent => i !== undefined)
    .map((i) => ({ label: title(i, lang), payload: PAYLOAD.intent(i.id) }));
  return [
    { text: systemText(ctx, 'notice', lang) },
    { text: systemText(ctx, 'greeting', lang), ...(quickReplies.length > 0 ? { quickReplies } : {}) },
  ];
}

function systemText(
  ctx: Pick<DialogueContext, 'base' | 'municipality'>,
  key: SystemTextKey,
  language: Language,
): string {
  return render(ctx, ctx.base.system[key][language], language);
}

function render(ctx: Pick<DialogueContext, 'municipality'>, template: string, language: Language): string {
  const m = ctx.municipality;
  return renderAnswer(template, {
    language: answerLanguage(m.country, language),
    municipality: m.facts,
    retentionDays: m.retentionDays,
  });
}

function title(intent: IntentContent, language: Language): string {
  return intent.title[language];
}

/** One turn of the conversation: (state, text) -> reply. Pure: the caller persists the masked text and the result. */
export function takeTurn(ctx: DialogueContext, input: TurnInput): TurnResult {
  const fromButton = input.quickReply ? quickReplyTurn(ctx, input, input.quickReply) : undefined;
  if (fromButton) return fromButton;

  const pending = input.state.pendingFollowUp ? ctx.base.intents.get(input.state.pendingFollowUp) : undefined;
  const typedOption = pending && matchOption(pending, input.text, input.language);
  if (pending && typedOption) return answerIntent(ctx, pending, input, input.language, typedOption);

  const result = ctx.nlu.classify(input.text, {
    languages: ctx.municipality.languages,
    previousLanguage: input.language,
  });
  const language = replyLanguage(ctx.municipality, result.language);
  const [top, second] = result.intents;
  const t = ctx.thresholds;
  const topIntent = top && ctx.base.intents.get(top.intent);
  if (result.outOfScope || !top || !topIntent || top.score < t.minimum) {
    return notUnderstood(ctx, language, input.state, top?.score ?? null);
  }
  const secondIntent = second && ctx.base.intents.get(second.intent);
  const close = secondIntent && second && top.score - second.score < t.clarifyMargin;
  if (close || top.score < t.answer) {
    const options = [topIntent, ...(secondIntent && second && second.score >= t.minimum ? [secondIntent] : [])];
    return {
      language,
      messages: [
        {
          text: systemText(ctx, 'clarify', language),
          quickReplies: [
            ...options.map((o) => ({ label: title(o, language), payload: PAYLOAD.intent(o.id) })),
            { label: systemText(ctx, 'noneOfThese', language), payload: PAYLOAD.none },
          ],
        },
      ],
      state: { failedTurns: input.state.failedTurns },
      intent: topIntent.id,
      confidence: top.score,
      outcome: 'clarified',
    };
  }
  return answerIntent(ctx, topIntent, input, language, undefined, top.score);
}

function quickReplyTurn(ctx: DialogueContext, input: TurnInput, payload: string): TurnResult | undefined {
  const language = input.language;
  if (payload === PAYLOAD.none) return notUnderstood(ctx, language, input.state, null);
  if (payload === PAYLOAD.human) return offerPerson(ctx, language, input);
  const [kind, id, key] = payload.split(':');
  const intent = id ? ctx.base.intents.get(id) : undefined;
  if (!intent) return undefined; // unknown payload: understand the text instead
  if (kind === 'intent') return answerIntent(ctx, intent, input, language);
  if (kind === 'option' && key && intent.followUp?.options.some((o) => o.key === key)) {
    return answerIntent(ctx, intent, input, language, key);
  }
  return undefined;
}

/** A typed answer to a follow-up question counts when it names an option's label. */
function matchOption(intent: IntentContent, text: string, language: Language): string | undefined {
  const typed = text.trim().toLowerCase();
  if (!typed) return undefined;
  return intent.followUp?.options.find((o) => {
    const label = o.label[language].toLowerCase();
    return typed === label || (typed.length >= 3 && label.includes(typed)) || typed.includes(label);
  })?.key;
}

function answerIntent(
  ctx: DialogueContext,
  intent: IntentContent,
  input: Pick<TurnInput, 'now'>,
  language: Language,
  optionKey?: string,
  confidence: number | null = null,
): TurnResult {
  const m = ctx.municipality;
  if (intent.followUp && !optionKey) {
    return {
      language,
      messages: [
        {
          text: render(ctx, intent.followUp.question[language], language),
          intent: intent.id,
          quickReplies: intent.followUp.options.map((o) => ({
            label: o.label[language],
            payload: PAYLOAD.option(intent.id, o.key),
          })),
        },
      ],
      state: { failedTurns: 0, pendingFollowUp: intent.id },
      intent: intent.id,
      confidence,
      outcome: 'clarified',
    };
  }
  const text = render(
    ctx,
    resolveAnswer(intent, { country: m.country, language, overrides: m.overrides, now: input.now }, optionKey),
    language,
  );
  const quickReplies: QuickReply[] = (intent.related ?? [])
    .map((id) => ctx.base.intents.get(id))
    .filter((r): r is IntentContent => r !== undefined)
    .map((r) => ({ label: title(r, language), payload: PAYLOAD.intent(r.id) }));
  const handover = intent.needsHuman === true || intent.id === HUMAN_INTENT;
  if (intent.needsHuman)
    quickReplies.unshift({ label: systemText(ctx, 'talkToPerson', language), payload: PAYLOAD.human });
  return {
    language,
    messages: [{ text, intent: intent.id, ...(quickReplies.length > 0 ? { quickReplies } : {}) }],
    state: { failedTurns: 0 },
    intent: intent.id,
    confidence,
    outcome: handover ? 'handover' : 'answered',
  };
}

function notUnderstood(
  ctx: DialogueContext,
  language: Language,
  state: DialogueState,
  confidence: number | null,
): TurnResult {
  const failedTurns = state.failedTurns + 1;
  const messages: BotMessage[] = [{ text: systemText(ctx, 'fallback', language) }];
  if (failedTurns >= ctx.thresholds.failedTurnsBeforeHuman) {
    messages.push({
      text: systemText(ctx, 'offerHuman', language),
      quickReplies: [{ label: systemText(ctx, 'talkToPerson', language), payload: PAYLOAD.human }],
    });
  }
  return { language, messages, state: { failedTurns }, intent: OUT_OF_SCOPE, confidence, outcome: 'fallback' };
}

/** The citizen asked for a person: the human-agent answer (contact channels until live handover exists). */
function offerPerson(ctx: DialogueContext, language: Language, input: Pick<TurnInput, 'now'>): TurnResult {
  const intent = ctx.base.intents.get(HUMAN_INTENT);
  if (intent) return answerIntent(ctx, intent, input, language);
  return {
    language,
    messages: [{ text: systemText(ctx, 'offerHuman', language) }],
    state: { failedTurns: 0 },
    intent: HUMAN_INTENT,
    confidence: null,
    outcome: 'handover',
  };
}
