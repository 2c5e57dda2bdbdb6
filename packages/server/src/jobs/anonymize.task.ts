import type { Kysely } from 'kysely';
import { anonymize, ANONYMIZER_VERSION } from '../privacy/anonymizer/index.ts';
import { findMessagesToRemask, oldestMessageNotMaskedBy, updateMaskedText } from '../store/message.repository.ts';
import type { Database } from '../store/schema.ts';

export interface AnonymizeSweepResult {
  processed: number;
  /** messages whose text changed under the current recognizers */
  masked: number;
  failed: number;
  version: string;
  /** age in seconds of the oldest message not masked by the current version, after the sweep (0 when none) */
  oldestUnmaskedAgeSeconds: number;
}

/**
 * The backstop: re-masks every citizen and agent message masked by an older anonymizer version (or none), in
 * batches, each batch in one transaction. Safe to repeat; catches up whatever accumulated while it did not run.
 */
export async function runAnonymizeSweep(
  db: Kysely<Database>,
  options: { now: Date; batchSize?: number },
): Promise<AnonymizeSweepResult> {
  const batchSize = options.batchSize ?? 500;
  const result = { processed: 0, masked: 0, failed: 0 };
  let afterId = 0;
  for (;;) {
    const batch = await findMessagesToRemask(db, ANONYMIZER_VERSION, { afterId, limit: batchSize });
    if (batch.length === 0) break;
    try {
      await db.transaction().execute(async (trx) => {
        for (const m of batch) {
          const masked = anonymize(m.text, { lang: m.language });
          await updateMaskedText(trx, m.id, masked.text, ANONYMIZER_VERSION);
          if (masked.text !== m.text) result.masked++;
        }
      });
      result.processed += batch.length;
    } catch {
      result.failed += batch.length;
    }
    afterId = batch.at(-1)!.id;
  }
  const oldest = await oldestMessageNotMaskedBy(db, ANONYMIZER_VERSION);
  const oldestUnmaskedAgeSeconds = oldest
    ? Math.max(0, Math.round((options.now.getTime() - oldest.getTime()) / 1000))
    : 0;
  return { ...result, version: ANONYMIZER_VERSION, oldestUnmaskedAgeSeconds };
}
