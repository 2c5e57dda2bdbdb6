import type { Language } from '@kommunechat/protocol';
export { OUT_OF_SCOPE } from '@kommunechat/protocol';
import type { LanguageContext } from './language.detector.ts';
import type { GroupWeights } from './feature.extractor.ts';
import type { LanguageModelParameters } from './language.model.ts';
import type { VectorizerParameters } from './feature.vectorizer.ts';
import type { LinearModelParameters } from './softmax.classifier.ts';

/** One labelled message; intent 'oos' marks a negative (out-of-scope) example. */
export interface TrainingExample {
  text: string;
  intent: string;
  lang?: Language;
}

/** What the caller knows besides the text: the municipality's offered languages and the conversation so far. */
export type ClassifyContext = LanguageContext;

/** One ranked intent with its calibrated probability. */
export interface IntentCandidate {
  intent: string;
  /** Calibrated probability in [0, 1]; the scores of one result sum to at most 1. */
  score: number;
}

export interface NluResult {
  language: Language;
  /** Best first, at most five, never 'oos'. */
  intents: IntentCandidate[];
  /** The message is outside what the answer base covers (the dialogue says so honestly). */
  outOfScope: boolean;
}

export interface NluModel {
  /** The in-scope intents the model knows, sorted. */
  readonly intents: readonly string[];
  /** The softmax temperature and out-of-scope threshold fitted on held-out folds (for inspection and tests). */
  readonly calibration: { readonly temperature: number; readonly oosThreshold: number };
  classify(text: string, context?: ClassifyContext): NluResult;
}

/**
 * Everything a model trained by trainNlu is made of, as plain data (arrays, typed arrays, Maps, strings, numbers):
 * safe to structuredClone or post to and from a worker thread, and rebuilt into the same model by nluModelFrom.
 */
export interface NluParameters {
  /** Every class the classifier scores, sorted; 'oos' among them when the training had negatives. */
  readonly classes: readonly string[];
  readonly calibration: { readonly temperature: number; readonly oosThreshold: number };
  /** How many ranked candidates a result carries. */
  readonly topK: number;
  /** Null when the training messages carried fewer than two languages. */
  readonly languageModel: LanguageModelParameters | null;
  /** The diacritic-folded words of the in-scope training phrases: what compounds are split into. */
  readonly lexicon: readonly string[];
  readonly vectorizer: VectorizerParameters;
  readonly classifier: LinearModelParameters;
}

/** A model of this NLU: classifies, and carries the parameters it can be rebuilt from. */
export interface TrainedNluModel extends NluModel {
  /** Shared with the model, not a copy: clone or post them, never change them. */
  readonly parameters: NluParameters;
}

export interface NluOptions {
  /** Seed of every random choice (example order, held-out split): same seed and data, same model. */
  seed?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  groupWeights?: GroupWeights;
  minDocumentFrequency?: number;
  /**
   * Total training weight of the out-of-scope negatives relative to an average intent. Negatives often outnumber
   * any intent's phrases many times; unweighted, the 'oos' class then swallows unseen in-scope phrasings.
   */
  oosClassWeight?: number;
  /** Share of the training set held out to fit the temperature and the threshold (0 disables calibration). */
  calibrationShare?: number;
  /** Fixed out-of-scope threshold instead of the fitted one. */
  oosThreshold?: number;
  /** Share of held-out in-scope messages the fitted threshold may wrongly reject (see fitOosThreshold). */
  maxFalseRejection?: number;
  /** How many ranked candidates a result carries. */
  topK?: number;
}
