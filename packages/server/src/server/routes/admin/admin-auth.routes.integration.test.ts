import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { fixedClock } from '../../../clock.ts';
import { databaseModes } from '../../../../test/databases.ts';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, createStaff, login, PASSWORD } from '../../../../test/staff-fixtures.ts';

describe.each(databaseModes())('admin sign-in and sessions on %s', (mode) => {
  let t: TestApp;
  const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    t = await createTestApp(mode, {
      clock,
      config: {
        adminLoginMaxFailures: 3,
        adminLockoutMinutes: 15,
        adminSessionIdleMinutes: 30,
        adminSessionAbsoluteHours: 2,
        secretKey: Buffer.alloc(32, 7).toString('base64'),
      },
    });
    await createStaff(t, 'editor@fjordvik.example', { fjordvik: ['editor'] });
    await createStaff(t, 'admin@fjordvik.example', { fjordvik: ['municipality_admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs in with argon2id and sets an HttpOnly, Secure, SameSite=Strict __Host- cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/login',
      payload: { email: 'Editor@Fjordvik.example', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      mfaRequired: false,
      user: {
        email: 'editor@fjordvik.example',
        memberships: [{ municipality: { slug: 'fjordvik' }, roles: ['editor'] }],
      },
    });
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({
      name: '__Host-kommunechat-admin',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(res.headers['cache-control']).toBe('no-store');
    const row = await t.runtime.store.db
      .selectFrom('staff_user')
      .select('password_hash')
      .where('email', '=', 'editor@fjordvik.example')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const sessions = await t.runtime.store.db.selectFrom('staff_session').select('id_hash').execute();
    expect(sessions.map((s) => s.id_hash)).not.toContain(cookie.value);
  });

  it('rejects a wrong password with the same answer as an unknown account', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/login',
      payload: { email: 'admin@fjordvik.example', password: 'not the password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/login',
      payload: { email: 'nobody@fjordvik.example', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    await login(t, 'admin@fjordvik.example'); // resets the failure count
  });

  it('issues a new session id at every login and ends the old one', async () => {
    const first = await login(t, 'editor@fjordvik.example');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/login',
      payload: { email: 'editor@fjordvik.example', password: PASSWORD },
      headers: { cookie: first.cookie },
    });
    const second = `${res.cookies[0]!.name}=${res.cookies[0]!.value}`;
    expect(second).not.toBe(first.cookie);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/session', headers: { cookie: first.cookie } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/session', headers: { cookie: second } }))
        .statusCode,
    ).toBe(200);
  });

  it('logs out for real: the cookie stops working on the server', async () => {
    const s = await login(t, 'editor@fjordvik.example');
    expect((await asStaff(t, s, 'GET', '/municipalities')).statusCode).toBe(200);
    const out = await asStaff(t, s, 'POST', '/auth/logout');
    expect(out.json()).toEqual({ ended: true });
    expect(out.cookies[0]!.value).toBe('');
    expect((await asStaff(t, s, 'GET', '/municipalities')).statusCode).toBe(401);
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const s = await login(t, 'editor@fjordvik.example');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(missing.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await asStaff(t, s, 'GET', '/municipalities')).statusCode).toBe(200);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = await login(t, 'editor@fjordvik.example');
    clock.advance(31 * 60_000);
    expect((await asStaff(t, idle, 'GET', '/municipalities')).statusCode).toBe(401);

    const busy = await login(t, 'editor@fjordvik.example');
    for (let i = 0; i < 4; i++) {
      clock.advance(25 * 60_000);
      expect((await asStaff(t, busy, 'GET', '/municipalities')).statusCode).toBe(200);
    }
    clock.advance(25 * 60_000); // 125 minutes after login: past the 2-hour absolute limit though never idle
    expect((await asStaff(t, busy, 'GET', '/municipalities')).statusCode).toBe(401);
  });

  it('locks the account after repeated failures, even against the right password, until the lockout ends', async () => {
    await createStaff(t, 'target@fjordvik.example', { fjordvik: ['analyst'] });
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/admin/auth/login',
            payload: { email: 'target@fjordvik.example', password: `guess ${i}` },
          })
        ).statusCode,
      ).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/login',
      payload: { email: 'target@fjordvik.example', password: PASSWORD },
    });
    expect(locked.statusCode).toBe(401);
    clock.advance(16 * 60_000);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/admin/auth/login',
          payload: { email: 'target@fjordvik.example', password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    const denied = await t.runtime.store.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('actor_email', '=', 'target@fjordvik.example')
      .execute();
    expect(denied.filter((e) => e.outcome === 'denied')).toHaveLength(4);
  });

  it('enrols a TOTP second factor and then requires it at login', async () => {
    await createStaff(t, 'mfa@fjordvik.example', { fjordvik: ['reviewer'] });
    const s = await login(t, 'mfa@fjordvik.example');
    const setup = (await asStaff(t, s, 'POST', '/auth/totp/setup')).json();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/kommunechat:mfa%40fjordvik\.example\?/);
    const totp = new TOTP({ secret: Secret.fromBase32(setup.secret) });
    expect(
      (
        await asStaff(t, s, 'POST', '/auth/totp/enable', {
          code: '000000' === totp.generate({ timestamp: clock.now().getTime() }) ? '111111' : '000000',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await asStaff(t, s, 'POST', '/auth/totp/enable', { code: totp.generate({ timestamp: clock.now().getTime() }) })
      ).json(),
    ).toEqual({ enabled: true });
    clock.advance(30_000); // the enrolment code is used up: sign in with the next one

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/auth/login',
      payload: { email: 'mfa@fjordvik.example', password: PASSWORD },
    });
    expect(res.json()).toMatchObject({ mfaRequired: true, user: null });
    const pending = {
      cookie: `${res.cookies[0]!.name}=${res.cookies[0]!.value}`,
      csrf: res.json().csrfToken as string,
    };
    expect((await asStaff(t, pending, 'GET', '/municipalities')).statusCode).toBe(401);
    expect((await asStaff(t, pending, 'POST', '/auth/totp', { code: '12345' })).statusCode).toBe(400);
    const done = await asStaff(t, pending, 'POST', '/auth/totp', {
      code: totp.generate({ timestamp: clock.now().getTime() }),
    });
    expect(done.json()).toMatchObject({ mfaRequired: false, user: { email: 'mfa@fjordvik.example' } });
    const full = {
      cookie: `${done.cookies[0]!.name}=${done.cookies[0]!.value}`,
      csrf: done.json().csrfToken as string,
    };
    expect(full.cookie).not.toBe(pending.cookie);
    expect((await asStaff(t, full, 'GET', '/municipalities')).statusCode).toBe(200);
    expect((await asStaff(t, pending, 'GET', '/auth/session')).statusCode).toBe(401);
  });

  it('lets an admin invite staff, who choose their password once through the invitation', async () => {
    const admin = await login(t, 'admin@fjordvik.example');
    const invited = await asStaff(t, admin, 'POST', '/municipalities/fjordvik/members', {
      email: 'new@fjordvik.example',
      name: 'New Person',
      roles: ['analyst'],
    });
    expect(invited.statusCode).toBe(201);
    const { invitePath, member } = invited.json();
    expect(member).toMatchObject({ email: 'new@fjordvik.example', roles: ['analyst'], active: false });
    const token = invitePath.split('/').at(-1);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/invite', payload: { token, password: 'short' } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/admin/auth/invite',
          payload: { token, password: 'a long enough new password' },
        })
      ).json(),
    ).toEqual({ accepted: true });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/admin/auth/invite',
          payload: { token, password: 'a long enough new password' },
        })
      ).statusCode,
    ).toBe(404);
    const s = await login(t, 'new@fjordvik.example', 'a long enough new password');
    expect(
      (await asStaff(t, s, 'GET', '/municipalities')).json().municipalities.map((m: { slug: string }) => m.slug),
    ).toEqual(['fjordvik']);
    const members = (await asStaff(t, admin, 'GET', '/municipalities/fjordvik/members')).json().members;
    expect(members.find((m: { email: string }) => m.email === 'new@fjordvik.example')).toMatchObject({
      active: true,
      roles: ['analyst'],
    });
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    const db = t.runtime.store.db;
    expect(
      Number(
        (
          await db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(0);
    await expect(db.updateTable('audit_event').set({ outcome: 'allowed' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('never writes a password, session id or e-mail address to the log', async () => {
    const all = t.logs.join('\n');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('fjordvik.example');
    expect(all).not.toMatch(/kommunechat-admin=/);
  });
});
