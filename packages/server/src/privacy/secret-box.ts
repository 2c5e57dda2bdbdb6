import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Small secrets kept encrypted at rest (the TOTP secrets of staff): AES-256-GCM under the key of
 * `KOMMUNECHAT_SECRET_KEY`, bound to a context (the owner's id) so a sealed value cannot be moved to another row.
 *
 * @example const stored = sealSecret(key, secret.base32, user.id); openSecret(key, stored, user.id) === secret.base32
 */

export const SEALED_PREFIX = 'aes256gcm:v1:';

/** The 32-byte key from its setting: base64 (44 characters) or hex (64); undefined when it is neither. */
export function parseSecretKey(raw: string): Buffer | undefined {
  const trimmed = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

/** Whether a stored value is sealed (else it is plain text from before encryption at rest). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

export function sealSecret(key: Buffer, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join('.')}`;
}

/**
 * The plain secret (a value from before encryption at rest is returned as it is); throws without a key, when the
 * key or context is wrong, or when the value was tampered with.
 */
export function openSecret(key: Buffer | undefined, stored: string, context: string): string {
  if (!isSealed(stored)) return stored;
  if (!key) throw new Error('a sealed secret needs KOMMUNECHAT_SECRET_KEY');
  const [iv, tag, ciphertext] = stored
    .slice(SEALED_PREFIX.length)
    .split('.')
    .map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new Error('malformed sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
