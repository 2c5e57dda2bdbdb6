import { createHash, randomBytes } from 'node:crypto';

/**
 * The citizen's key to their own conversation: 256 random bits, shown once, never stored. The database keeps only
 * its SHA-256, which is enough to recognise the token and useless to recover it.
 */
export function newConversationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashConversationToken(token) };
}

export function hashConversationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
