/**
 * The NLU: citizen text -> language, ranked intents with calibrated scores, out-of-scope flag.
 * Pure and deterministic; no I/O. Trainable from any labelled set (the answer base, CLINC150, a test file).
 */
export type {
  ClassifyContext,
  IntentCandidate,
  NluModel,
  NluOptions,
  NluParameters,
  NluResult,
  TrainedNluModel,
  TrainingExample,
} from './nlu.types.ts';
export { nluModelFrom, trainNlu } from './nlu.model.ts';
export { detectLanguage } from './language.detector.ts';
export { evaluateNlu, type NluEvaluation } from './nlu.evaluator.ts';
