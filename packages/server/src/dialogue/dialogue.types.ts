import type { Country, Language, MunicipalitySettings } from '@kommunechat/protocol';
import type { AnswerOverride } from '../content/answer.resolver.ts';

/** A button under a bot message; its payload comes back with the citizen's next message. */
export interface QuickReply {
  label: string;
  payload: string;
}

export interface BotMessage {
  text: string;
  intent?: string;
  quickReplies?: QuickReply[];
}

export type Outcome = 'answered' | 'clarified' | 'fallback' | 'handover';

/** What the dialogue remembers between turns (intent ids and counters only: never citizen text). */
export interface DialogueState {
  /** turns in a row the bot could not help with */
  failedTurns: number;
  /** the intent whose follow-up question is waiting for an option */
  pendingFollowUp?: string;
}

/** The municipality as the dialogue sees it: its facts, languages and own answers. */
export interface MunicipalityContext {
  id: string;
  country: Country;
  languages: readonly Language[];
  defaultLanguage: Language;
  facts: Pick<MunicipalitySettings, 'name' | 'website' | 'contact' | 'pages' | 'privacyStatementUrl'>;
  retentionDays: number;
  /** keyed by `intent:language` */
  overrides: ReadonlyMap<string, AnswerOverride>;
}

/** When to answer, when to ask which was meant, when to admit defeat. Calibrated scores in [0, 1]. */
export interface DialogueThresholds {
  /** answer the top intent at or above this score (unless the runner-up is close) */
  answer: number;
  /** ask "did you mean" when the top two are closer than this */
  clarifyMargin: number;
  /** below this top score the message counts as not understood */
  minimum: number;
  /** failed turns in a row after which a person is offered */
  failedTurnsBeforeHuman: number;
}

export const DEFAULT_THRESHOLDS: DialogueThresholds = {
  answer: 0.45,
  clarifyMargin: 0.15,
  minimum: 0.2,
  failedTurnsBeforeHuman: 2,
};

export interface TurnResult {
  language: Language;
  messages: BotMessage[];
  state: DialogueState;
  /** the intent the turn was about ('oos' when not understood) and its score */
  intent: string;
  confidence: number | null;
  outcome: Outcome;
}
