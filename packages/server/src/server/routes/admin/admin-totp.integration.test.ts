import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { fixedClock } from '../../../clock.ts';
import { ConfigError, loadConfig } from '../../../config/load-config.ts';
import { createRuntime } from '../../../runtime.ts';
import { openSecret } from '../../../privacy/secret-box.ts';
import { createLogger } from '../../logger.ts';
import { createTestDatabase, databaseModes } from '../../../../test/databases.ts';
import { createTestApp, sharedUnderstanding, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, createStaff, login, PASSWORD, type StaffSession } from '../../../../test/staff-fixtures.ts';
import { contentDirOf } from '../../../runtime.ts';

const KEY = Buffer.alloc(32, 1);

describe.each(databaseModes())('TOTP hardening on %s', (mode) => {
  let t: TestApp;
  let totp: TOTP;
  let userId: string;
  const clock = fixedClock(new Date('2026-03-02T09:00:10Z'));
  const code = (offsetSteps = 0) => totp.generate({ timestamp: clock.now().getTime() + offsetSteps * 30_000 });

  async function signIn(email: string, totpCode: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/login',
      payload: { email, password: PASSWORD },
    });
    const pending: StaffSession = {
      cookie: `${res.cookies[0]!.name}=${res.cookies[0]!.value}`,
      csrf: res.json().csrfToken as string,
    };
    return asStaff(t, pending, 'POST', '/auth/totp', { code: totpCode });
  }

  beforeAll(async () => {
    t = await createTestApp(mode, {
      clock,
      config: { secretKey: KEY.toString('hex'), adminLoginRateLimitPerMinute: 100 },
    });
    await createStaff(t, 'mfa@fjordvik.example', { fjordvik: ['editor'] });
    const s = await login(t, 'mfa@fjordvik.example');
    const setup = (await asStaff(t, s, 'POST', '/auth/totp/setup')).json();
    totp = new TOTP({ secret: Secret.fromBase32(setup.secret) });
    expect((await asStaff(t, s, 'POST', '/auth/totp/enable', { code: code() })).json()).toEqual({ enabled: true });
    const row = await t.runtime.store.db
      .selectFrom('staff_user')
      .select('id')
      .where('email', '=', 'mfa@fjordvik.example')
      .executeTakeFirstOrThrow();
    userId = row.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the TOTP secret encrypted at rest, bound to its account', async () => {
    const { totp_secret } = await t.runtime.store.db
      .selectFrom('staff_user')
      .select('totp_secret')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(totp_secret).toMatch(/^aes256gcm:v1:/);
    expect(totp_secret).not.toContain(totp.secret.base32);
    expect(openSecret(KEY, totp_secret!, userId)).toBe(totp.secret.base32);
    expect(() => openSecret(KEY, totp_secret!, 'another-account')).toThrow();
  });

  it('refuses the enrolment code at sign-in, then a replayed code, then an older one', async () => {
    // the code that confirmed the enrolment was used in this time step already
    expect((await signIn('mfa@fjordvik.example', code())).statusCode).toBe(401);

    clock.advance(30_000);
    const fresh = code();
    expect((await signIn('mfa@fjordvik.example', fresh)).statusCode).toBe(200);
    expect((await signIn('mfa@fjordvik.example', fresh)).statusCode).toBe(401); // replay within its window
    expect((await signIn('mfa@fjordvik.example', code(-1))).statusCode).toBe(401); // older, though within drift

    clock.advance(30_000);
    expect((await signIn('mfa@fjordvik.example', code())).statusCode).toBe(200);
    const denied = await t.runtime.store.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_id', '=', userId)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((e) => e.action)).toEqual(['auth.totp', 'auth.totp', 'auth.totp']);
  });
});

describe.each(databaseModes())('TOTP secrets at startup on %s', (mode) => {
  it('seals plain secrets at startup and will not start without the key once TOTP is on', async () => {
    const database = await createTestDatabase(mode);
    const logger = createLogger('silent', { write: () => {} });
    const base = { dataDir: database.dataDir, databaseUrl: database.databaseUrl, jobsEnabled: false };
    const start = async (secretKey?: string) =>
      createRuntime(loadConfig({}, { ...base, ...(secretKey ? { secretKey } : {}) }), logger, {
        understanding: await sharedUnderstanding(contentDirOf(loadConfig({}, base))),
      });
    try {
      // a secret from before encryption at rest, in plain text
      const plain = new Secret({ size: 20 }).base32;
      let runtime = await start();
      const { id } = await runtime.store.db
        .insertInto('staff_user')
        .values({ email: 'old@fjordvik.example', name: 'Old', totp_secret: plain, totp_enabled: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      await runtime.close();

      await expect(start()).rejects.toThrow(ConfigError);

      runtime = await start(KEY.toString('base64'));
      const { totp_secret } = await runtime.store.db
        .selectFrom('staff_user')
        .select('totp_secret')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(totp_secret).toMatch(/^aes256gcm:v1:/);
      expect(openSecret(KEY, totp_secret!, id)).toBe(plain);
      await runtime.close();
    } finally {
      await database.drop();
    }
  });
});

describe('TOTP enrolment without a key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    await createStaff(t, 'nokey@fjordvik.example', { fjordvik: ['editor'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 and stores no secret', async () => {
    const s = await login(t, 'nokey@fjordvik.example');
    expect((await asStaff(t, s, 'POST', '/auth/totp/setup')).statusCode).toBe(503);
    const row = await t.runtime.store.db
      .selectFrom('staff_user')
      .select('totp_secret')
      .where('email', '=', 'nokey@fjordvik.example')
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toBeNull();
  });
});
