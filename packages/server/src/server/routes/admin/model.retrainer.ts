import { trainingExamples, type AnswerBase } from '../../../content/answer-base.ts';
import { evaluateNlu, trainNlu, type NluModel, type TrainingExample } from '../../../nlu/index.ts';

export interface RetrainResult {
  at: Date;
  published: boolean;
  baselineAccuracy: number;
  candidateAccuracy: number;
  phrases: number;
}

/** Every fifth example is held out: deterministic, so two runs on the same data decide the same way. */
function split<T>(items: readonly T[]): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((x, i) => (i % 5 === 4 ? test : train).push(x));
  return { train, test };
}

/**
 * Retrains the NLU with the reviewed training phrases and publishes the new model only if its accuracy on held-out
 * examples (a fifth of the answer base and a fifth of the new phrases, unseen by both) is not lower than that of a
 * model trained without the new phrases. One run at a time; the published model replaces the running one in place.
 */
export class ModelRetrainer {
  #running: Promise<RetrainResult> | undefined;
  #last: RetrainResult | undefined;
  readonly #publish: (model: NluModel) => void;

  constructor(publish: (model: NluModel) => void) {
    this.#publish = publish;
  }

  get running(): boolean {
    return this.#running !== undefined;
  }

  get last(): RetrainResult | undefined {
    return this.#last;
  }

  /** Starts a run unless one is under way; returns false when one already is. */
  start(base: AnswerBase, phrases: readonly TrainingExample[], now: () => Date): boolean {
    if (this.#running) return false;
    this.#running = new Promise<RetrainResult>((resolve) => setImmediate(() => resolve(this.#run(base, phrases, now))));
    void this.#running.finally(() => (this.#running = undefined));
    return true;
  }

  /** Resolves when the current run (if any) is done; for tests and shutdown. */
  async settled(): Promise<RetrainResult | undefined> {
    return this.#running ?? this.#last;
  }

  #run(base: AnswerBase, phrases: readonly TrainingExample[], now: () => Date): RetrainResult {
    const shared = split(trainingExamples(base));
    const added = split(phrases);
    const heldOut = [...shared.test, ...added.test];
    const baselineAccuracy = evaluateNlu(trainNlu(shared.train), heldOut).inScopeAccuracy;
    const candidateAccuracy = evaluateNlu(trainNlu([...shared.train, ...added.train]), heldOut).inScopeAccuracy;
    const published = candidateAccuracy >= baselineAccuracy;
    if (published) this.#publish(trainNlu([...trainingExamples(base), ...phrases]));
    this.#last = { at: now(), published, baselineAccuracy, candidateAccuracy, phrases: phrases.length };
    return this.#last;
  }
}
