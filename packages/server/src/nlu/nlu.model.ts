import type { Language } from '@kommunechat/protocol';
import { detectLanguage } from './language.detector.ts';
import { languageModelFrom, trainLanguageModel } from './language.model.ts';
import { createCompoundSplitter } from './compound.splitter.ts';
import { extractFeatures } from './feature.extractor.ts';
import { foldDiacritics, normalizeText } from './text.normalizer.ts';
import { tokenize } from './text.tokenizer.ts';
import { fitVectorizer, vectorizerFrom, type SparseVector, type Vectorizer } from './feature.vectorizer.ts';
import { fitOosThreshold, fitTemperature, type HeldOutPrediction } from './score.calibrator.ts';
import { seededRandom, shuffleInPlace } from './seeded.random.ts';
import { linearModelFrom, softmaxInPlace, trainSoftmax, type LinearModel } from './softmax.classifier.ts';
import {
  OUT_OF_SCOPE,
  type NluOptions,
  type NluParameters,
  type NluResult,
  type TrainedNluModel,
  type TrainingExample,
} from './nlu.types.ts';

const DEFAULT_SEED = 20_240_601;
const DEFAULT_CALIBRATION_SHARE = 0.2;
const DEFAULT_TOP_K = 5;
const MIN_HELD_OUT_FOR_TEMPERATURE = 100;
const DEFAULT_OOS_CLASS_WEIGHT = 2;

interface Prepared {
  features: Map<string, number>[];
  labels: Int32Array;
  weights: Float64Array;
}

interface Fitted {
  vectorizer: Vectorizer;
  classifier: LinearModel;
}

function fit(prepared: Prepared, rows: readonly number[], numClasses: number, options: NluOptions): Fitted {
  const docs = rows.map((r) => prepared.features[r]!);
  const vectorizer = fitVectorizer(docs, {
    minDocumentFrequency: options.minDocumentFrequency,
    groupWeights: options.groupWeights,
  });
  const xs = docs.map((d) => vectorizer.vectorize(d));
  const ys = Int32Array.from(rows, (r) => prepared.labels[r]!);
  const sampleWeights = Float64Array.from(rows, (r) => prepared.weights[r]!);
  const classifier = trainSoftmax(xs, ys, vectorizer.size, numClasses, {
    epochs: options.epochs,
    learningRate: options.learningRate,
    l2: options.l2,
    sampleWeights,
    seed: options.seed ?? DEFAULT_SEED,
  });
  return { vectorizer, classifier };
}

/** Weight 1 for in-scope examples; negatives together weigh `oosClassWeight` average intents (at most 1 each). */
function sampleWeights(labels: Int32Array, oosIndex: number, numIntents: number, oosClassWeight: number): Float64Array {
  const negatives = labels.filter((y) => y === oosIndex).length;
  const perIntent = (labels.length - negatives) / numIntents;
  const oosWeight = negatives > 0 ? Math.min(1, (oosClassWeight * perIntent) / negatives) : 1;
  return Float64Array.from(labels, (y) => (y === oosIndex ? oosWeight : 1));
}

/** The words compounds are split into: those of the in-scope training phrases (negatives would add noise parts). */
function compoundLexicon(examples: readonly TrainingExample[]): string[] {
  const lexicon = new Set<string>();
  for (const e of examples) {
    if (e.intent === OUT_OF_SCOPE) continue;
    for (const token of tokenize(normalizeText(e.text))) lexicon.add(foldDiacritics(token));
  }
  return [...lexicon];
}

/** Per class, the first `share` of its shuffled examples (at least one when the class has three or more). */
function stratifiedHoldOut(labels: Int32Array, numClasses: number, share: number, seed: number): Set<number> {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (const [i, y] of labels.entries()) byClass[y]!.push(i);
  const held = new Set<number>();
  for (const rows of byClass) {
    if (rows.length < 3) continue;
    shuffleInPlace(rows, random);
    const k = Math.max(1, Math.round(rows.length * share));
    for (const r of rows.slice(0, k)) held.add(r);
  }
  return held;
}

/** Best in-scope class, its probability and the out-of-scope class's probability. */
/** The k in-scope classes with the highest probability, best first (ties: lower index first), in one pass. */
function rankTop(p: Float64Array, oosIndex: number, k: number): number[] {
  const ranked: number[] = [];
  if (k <= 0) return ranked;
  for (let c = 0; c < p.length; c++) {
    if (c === oosIndex || (ranked.length === k && p[c]! <= p[ranked[k - 1]!]!)) continue;
    if (ranked.length === k) ranked.pop();
    let at = ranked.length;
    while (at > 0 && p[ranked[at - 1]!]! < p[c]!) at--;
    ranked.splice(at, 0, c);
  }
  return ranked;
}

function topInScope(p: Float64Array, oosIndex: number): { best: number; score: number; oos: number } {
  let best = -1;
  let score = -1;
  for (let c = 0; c < p.length; c++) {
    if (c !== oosIndex && p[c]! > score) {
      best = c;
      score = p[c]!;
    }
  }
  return { best, score, oos: oosIndex >= 0 ? p[oosIndex]! : 0 };
}

/**
 * Trains the NLU on labelled messages in any mix of languages: one classifier over all languages, with a
 * held-out share of the data used to fit the softmax temperature and the out-of-scope threshold before the
 * final model is trained on everything. Deterministic for a given seed. The model carries its `parameters`, plain
 * data from which nluModelFrom rebuilds it (so it can be trained in a worker thread).
 * @example
 * const model = trainNlu(await loadTrainingExamples());
 * model.classify('nar kommer soppelbilen', { languages: ['nb', 'nn', 'en'] });
 */
export function trainNlu(examples: readonly TrainingExample[], options: NluOptions = {}): TrainedNluModel {
  const classes = [...new Set(examples.map((e) => e.intent))].sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const oosIndex = classIndex.get(OUT_OF_SCOPE) ?? -1;
  const intents = classes.filter((c) => c !== OUT_OF_SCOPE);
  if (intents.length === 0) throw new Error('trainNlu needs at least one in-scope intent');
  const labels = Int32Array.from(examples, (e) => classIndex.get(e.intent)!);
  const languages = examples.map((e) => e.lang ?? detectLanguage(e.text));
  const lexicon = compoundLexicon(examples);
  const splitter = createCompoundSplitter(new Set(lexicon));
  const prepared: Prepared = {
    features: examples.map((e, i) => extractFeatures(e.text, languages[i]!, splitter)),
    labels,
    weights: sampleWeights(labels, oosIndex, intents.length, options.oosClassWeight ?? DEFAULT_OOS_CLASS_WEIGHT),
  };
  const seed = options.seed ?? DEFAULT_SEED;
  const share = options.calibrationShare ?? DEFAULT_CALIBRATION_SHARE;

  let temperature = 1;
  let oosThreshold = options.oosThreshold ?? 0;
  const held = share > 0 ? stratifiedHoldOut(prepared.labels, classes.length, share, seed) : new Set<number>();
  if (held.size > 0) {
    const trainRows = examples.map((_, i) => i).filter((i) => !held.has(i));
    const fold = fit(prepared, trainRows, classes.length, options);
    const heldRows = [...held].sort((a, b) => a - b);
    const logits = heldRows.map((r) => fold.classifier.logits(fold.vectorizer.vectorize(prepared.features[r]!)));
    const labels = heldRows.map((r) => prepared.labels[r]!);
    // A handful of held-out messages, often all right, would drive the temperature to its bound.
    if (heldRows.length >= MIN_HELD_OUT_FOR_TEMPERATURE) temperature = fitTemperature(logits, labels);
    if (options.oosThreshold === undefined) {
      const predictions: HeldOutPrediction[] = logits.map((z, i) => {
        const top = topInScope(softmaxInPlace(Float64Array.from(z), temperature), oosIndex);
        return {
          topScore: top.score,
          correct: top.best === labels[i],
          outOfScope: labels[i] === oosIndex,
          oosClassWins: top.oos > top.score,
        };
      });
      oosThreshold = fitOosThreshold(predictions, options.maxFalseRejection);
    }
  }
  const { vectorizer, classifier } = fit(
    prepared,
    examples.map((_, i) => i),
    classes.length,
    options,
  );
  return nluModelFrom({
    classes,
    calibration: { temperature, oosThreshold },
    topK: options.topK ?? DEFAULT_TOP_K,
    languageModel: trainLanguageModel(examples)?.parameters ?? null,
    lexicon,
    vectorizer: vectorizer.parameters,
    classifier: classifier.parameters,
  });
}

/**
 * The model made of these parameters: classifies exactly like the model they were taken from, also after a
 * structuredClone or a trip to and from a worker thread.
 * @example
 * const copy = nluModelFrom(structuredClone(trainNlu(examples).parameters));
 */
export function nluModelFrom(parameters: NluParameters): TrainedNluModel {
  const { classes, calibration, topK } = parameters;
  const { temperature, oosThreshold } = calibration;
  const oosIndex = classes.indexOf(OUT_OF_SCOPE);
  const languageModel = parameters.languageModel ? languageModelFrom(parameters.languageModel) : undefined;
  const splitter = createCompoundSplitter(new Set(parameters.lexicon));
  const vectorizer = vectorizerFrom(parameters.vectorizer);
  const classifier = linearModelFrom(parameters.classifier);

  return {
    intents: classes.filter((c) => c !== OUT_OF_SCOPE),
    calibration,
    parameters,
    classify(text, context = {}): NluResult {
      const language: Language = detectLanguage(text, context, languageModel);
      const x: SparseVector = vectorizer.vectorize(extractFeatures(text, language, splitter));
      const p = softmaxInPlace(classifier.logits(x), temperature);
      const top = topInScope(p, oosIndex);
      return {
        language,
        intents: rankTop(p, oosIndex, topK).map((c) => ({ intent: classes[c]!, score: p[c]! })),
        outOfScope: x.indices.length === 0 || top.oos > top.score || top.score < oosThreshold,
      };
    },
  };
}
