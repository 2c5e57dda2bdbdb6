import { COUNTRY_LANGUAGES, type Country, type Language } from '@kommunechat/protocol';
import type { CountryAnswers, IntentContent } from './answer-base.ts';

/** A municipality's own answer for one intent and language (from the database, edited in the admin console). */
export interface AnswerOverride {
  intent: string;
  language: Language;
  /** replace: instead of the shared answer; extend: appended to it */
  mode: 'replace' | 'extend';
  text: string;
  /** applies from this instant on (inclusive); absent or null: since ever */
  validFrom?: Date | null;
  /** applies until this instant (exclusive); absent or null: for good */
  validTo?: Date | null;
}

/** Whether an own answer applies at `now`: within its period, if it has one. */
export function isOverrideInEffect(o: Pick<AnswerOverride, 'validFrom' | 'validTo'>, now: Date): boolean {
  const t = now.getTime();
  return (!o.validFrom || o.validFrom.getTime() <= t) && (!o.validTo || t < o.validTo.getTime());
}

/** The answer languages of a country that `language` falls within, else the country's first language. */
export function answerLanguage(country: Country, language: Language): Language {
  const languages: readonly Language[] = COUNTRY_LANGUAGES[country];
  return languages.includes(language) ? language : (languages[0] as Language);
}

function sharedText(answers: CountryAnswers, country: Country, language: Language): string {
  return (answers[country] as Record<string, string>)[answerLanguage(country, language)] as string;
}

/**
 * The answer template of an intent for a municipality: its override when it has one for this language that is in
 * effect at `now` (replacing or extending the shared answer), else the shared answer of its country. With
 * `optionKey`, the chosen follow-up option's answer is the shared text.
 *
 * @example resolveAnswer(intent, { country: 'no', language: 'nb', overrides, now: clock.now() })
 */
export function resolveAnswer(
  intent: IntentContent,
  where: { country: Country; language: Language; overrides: ReadonlyMap<string, AnswerOverride>; now: Date },
  optionKey?: string,
): string {
  const option = optionKey ? intent.followUp?.options.find((o) => o.key === optionKey) : undefined;
  const shared = sharedText(option?.answers ?? intent.answers, where.country, where.language);
  const override = where.overrides.get(overrideKey(intent.id, answerLanguage(where.country, where.language)));
  if (!override || option || !isOverrideInEffect(override, where.now)) return shared;
  return override.mode === 'replace' ? override.text : `${shared.trimEnd()}\n\n${override.text}`;
}

export function overrideKey(intent: string, language: Language): string {
  return `${intent}:${language}`;
}
