import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost: 19 MiB, 2 passes.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** A hash of a random password: verifying against it costs as much as a real one, so unknown e-mails take as long. */
let decoy: Promise<string> | undefined;

/** Whether the password matches; with no hash (unknown account, SSO-only) the same work is done and false returned. */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoy ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** A random secret for a session or an invitation: 256 bits, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a secret token. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/**
 * The CSRF token of a session, derived from the session id so nothing more is stored: a page of another origin can
 * neither read the cookie nor this token, and every state-changing request must send it as X-CSRF-Token.
 */
export function csrfTokenOf(sessionId: string): string {
  return createHmac('sha256', sessionId).update('kommunechat-admin-csrf').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
