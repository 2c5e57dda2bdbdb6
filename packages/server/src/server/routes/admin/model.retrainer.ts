import { Worker } from 'node:worker_threads';
import { trainingExamples, type AnswerBase } from '../../../content/answer-base.ts';
import { nluModelFrom, type NluModel, type TrainingExample } from '../../../nlu/index.ts';
import type { RetrainJob, RetrainOutcome } from './model.retrain.worker.ts';

export interface RetrainResult {
  at: Date;
  published: boolean;
  baselineAccuracy: number;
  candidateAccuracy: number;
  phrases: number;
}

const WORKER = new URL('./model.retrain.worker.ts', import.meta.url);

/**
 * Retrains the NLU with the reviewed training phrases and publishes the new model only if its accuracy on held-out
 * examples (a fifth of the answer base and a fifth of the new phrases, unseen by both) is not lower than that of a
 * model trained without the new phrases. The trainings (seconds of CPU each) run in a worker thread, so chat
 * traffic goes on meanwhile; the worker posts back the model's parameters, and the published model replaces the
 * running one in place. One run at a time.
 */
export class ModelRetrainer {
  #running: Promise<RetrainResult> | undefined;
  #last: RetrainResult | undefined;
  #worker: Worker | undefined;
  #closed = false;
  readonly #publish: (model: NluModel) => void;
  readonly #failed: (error: Error) => void;

  /** `failed` hears of a run that ended in an error (nothing is published then); a run stopped by close() is not one. */
  constructor(publish: (model: NluModel) => void, failed: (error: Error) => void = () => {}) {
    this.#publish = publish;
    this.#failed = failed;
  }

  get running(): boolean {
    return this.#running !== undefined;
  }

  get last(): RetrainResult | undefined {
    return this.#last;
  }

  /** Starts a run unless one is under way (or the retrainer is closed); returns false when it does not. */
  start(base: AnswerBase, phrases: readonly TrainingExample[], now: () => Date): boolean {
    if (this.#running || this.#closed) return false;
    const run = this.#run({ base: trainingExamples(base), phrases }, now);
    this.#running = run;
    run.then(
      () => (this.#running = undefined),
      (error: unknown) => {
        this.#running = undefined;
        if (!this.#closed) this.#failed(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return true;
  }

  /** Resolves when the current run (if any) is done, rejects when it fails; for tests. */
  async settled(): Promise<RetrainResult | undefined> {
    return this.#running ?? this.#last;
  }

  /** Stops a run under way (its model is not published) and refuses new ones; for shutdown. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker?.terminate();
    await this.#running?.catch(() => undefined);
  }

  async #run(job: RetrainJob, now: () => Date): Promise<RetrainResult> {
    const { baselineAccuracy, candidateAccuracy, parameters } = await this.#inWorker(job);
    if (this.#closed) throw new Error('Retraining was stopped: the retrainer is closed.');
    if (parameters) this.#publish(nluModelFrom(parameters));
    this.#last = {
      at: now(),
      published: parameters !== null,
      baselineAccuracy,
      candidateAccuracy,
      phrases: job.phrases.length,
    };
    return this.#last;
  }

  /** The worker's one message, or its error; the worker is ended either way. */
  #inWorker(job: RetrainJob): Promise<RetrainOutcome> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, { workerData: job });
      this.#worker = worker;
      // Also runs on the exit that follows a message, when the next run may have its own worker already.
      const end = (): void => {
        if (this.#worker === worker) this.#worker = undefined;
        void worker.terminate();
      };
      worker.once('message', (outcome: RetrainOutcome) => {
        end();
        resolve(outcome);
      });
      worker.once('error', (error) => {
        end();
        reject(new Error(`Retraining failed in its worker thread: ${error.message}`, { cause: error }));
      });
      worker.once('messageerror', (error) => {
        end();
        reject(new Error('The retraining worker posted a result that could not be read.', { cause: error }));
      });
      worker.once('exit', (code) => {
        end();
        reject(new Error(`The retraining worker stopped (exit code ${code}) without a result.`));
      });
    });
  }
}
