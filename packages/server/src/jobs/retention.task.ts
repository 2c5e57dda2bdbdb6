import type { Kysely } from 'kysely';
import type { RetentionLimits } from '../privacy/retention.policy.ts';
import { deleteExpiredConversations } from '../store/conversation.repository.ts';
import type { Database } from '../store/schema.ts';

export interface RetentionResult {
  deleted: number;
  batches: number;
}

/**
 * Hard-deletes conversations (and by cascade their messages) whose last activity is older than their
 * municipality's retention. Each batch commits or rolls back as a whole; running it again deletes nothing more.
 * `now` is for tests and `jobs run retention --now`; otherwise the database's own UTC clock decides.
 */
export async function runRetention(
  db: Kysely<Database>,
  limits: RetentionLimits,
  options: { now?: Date; batchSize?: number } = {},
): Promise<RetentionResult> {
  const limit = options.batchSize ?? 500;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const n = await db
      .transaction()
      .execute((trx) =>
        deleteExpiredConversations(trx, limits, { limit, ...(options.now ? { now: options.now } : {}) }),
      );
    batches++;
    deleted += n;
    if (n < limit) break;
  }
  return { deleted, batches };
}
