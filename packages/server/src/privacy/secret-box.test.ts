import { describe, expect, it } from 'vitest';
import { isSealed, openSecret, parseSecretKey, sealSecret } from './secret-box.ts';

describe('secret box (AES-256-GCM at rest)', () => {
  const key = Buffer.alloc(32, 9);

  it('seals with a fresh IV each time and opens again', () => {
    const a = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'user-1');
    const b = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'user-1');
    expect(isSealed(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(key, a, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('fails with another key, another context, a tampered value or no key', () => {
    const sealed = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'user-1');
    expect(() => openSecret(Buffer.alloc(32, 8), sealed, 'user-1')).toThrow();
    expect(() => openSecret(key, sealed, 'user-2')).toThrow();
    const [head, ciphertext] = [
      sealed.slice(0, sealed.lastIndexOf('.') + 1),
      sealed.slice(sealed.lastIndexOf('.') + 1),
    ];
    const flipped = `${ciphertext[0] === 'A' ? 'B' : 'A'}${ciphertext.slice(1)}`;
    expect(() => openSecret(key, `${head}${flipped}`, 'user-1')).toThrow();
    expect(() => openSecret(undefined, sealed, 'user-1')).toThrow(/KOMMUNECHAT_SECRET_KEY/);
  });

  it('passes a value from before encryption at rest through', () => {
    expect(openSecret(undefined, 'JBSWY3DPEHPK3PXP', 'user-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('takes a 32-byte key as base64 or hex, nothing else', () => {
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey('too short')).toBeUndefined();
    expect(parseSecretKey(Buffer.alloc(16).toString('base64'))).toBeUndefined();
  });
});
