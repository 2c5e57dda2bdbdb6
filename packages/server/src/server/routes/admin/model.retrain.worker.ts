import { parentPort, workerData } from 'node:worker_threads';
import { evaluateNlu, trainNlu, type NluParameters, type TrainingExample } from '../../../nlu/index.ts';

/** What a retraining worker is given (as its workerData): the answer base's examples and the reviewed phrases. */
export interface RetrainJob {
  base: readonly TrainingExample[];
  phrases: readonly TrainingExample[];
}

/** What it posts back, once: both accuracies, and the parameters of the model to publish (null when none is). */
export interface RetrainOutcome {
  baselineAccuracy: number;
  candidateAccuracy: number;
  parameters: NluParameters | null;
}

/** Every fifth example is held out: deterministic, so two runs on the same data decide the same way. */
function split<T>(items: readonly T[]): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((x, i) => (i % 5 === 4 ? test : train).push(x));
  return { train, test };
}

/** Three trainings of several seconds each: here, off the server's event loop (see ModelRetrainer). */
function retrain({ base, phrases }: RetrainJob): RetrainOutcome {
  const shared = split(base);
  const added = split(phrases);
  const heldOut = [...shared.test, ...added.test];
  const baselineAccuracy = evaluateNlu(trainNlu(shared.train), heldOut).inScopeAccuracy;
  const candidateAccuracy = evaluateNlu(trainNlu([...shared.train, ...added.train]), heldOut).inScopeAccuracy;
  const parameters = candidateAccuracy >= baselineAccuracy ? trainNlu([...base, ...phrases]).parameters : null;
  return { baselineAccuracy, candidateAccuracy, parameters };
}

if (!parentPort) throw new Error('model.retrain.worker.ts runs only as a worker thread (see ModelRetrainer)');
parentPort.postMessage(retrain(workerData as RetrainJob));
