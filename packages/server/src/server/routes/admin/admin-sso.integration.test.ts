import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseModes } from '../../../../test/databases.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../../../../test/oidc-provider.ts';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, createStaff, login, type StaffSession } from '../../../../test/staff-fixtures.ts';

const KEY = Buffer.alloc(32, 7).toString('hex');
const STATE_COOKIE = 'kommunechat-sso';

describe.each(databaseModes())('OpenID Connect single sign-on on %s', (mode) => {
  let t: TestApp;
  let idp: TestOidcProvider;
  let admin: StaffSession;

  /** Starts at the console's button, lets the provider sign in `idp.user`, and returns to the callback. */
  async function signInAtProvider(slug = 'fjordvik', options: { withStateCookie?: boolean } = {}) {
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/admin/auth/sso/${slug}/start` });
    expect(start.statusCode).toBe(302);
    const state = start.cookies.find((c) => c.name === STATE_COOKIE);
    const atProvider = await fetch(start.headers.location as string, { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    const back = new URL(atProvider.headers.get('location')!);
    const callback = await t.app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: options.withStateCookie === false ? {} : { cookie: `${STATE_COOKIE}=${state!.value}` },
    });
    return { start, state, back, callback };
  }

  function sessionOf(res: Awaited<ReturnType<typeof signInAtProvider>>['callback']) {
    const set = res.cookies.find((c) => c.name.endsWith('kommunechat-admin') && c.value !== '');
    return set && `${set.name}=${set.value}`;
  }

  async function signedInEmail(cookie: string | undefined) {
    if (!cookie) return undefined;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/session', headers: { cookie } });
    return res.statusCode === 200 ? (res.json().user?.email as string | undefined) : undefined;
  }

  async function lastSsoAudit() {
    return t.runtime.store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.sso_login')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  const configure = (body: object, session = admin) => asStaff(t, session, 'PUT', '/municipalities/fjordvik/sso', body);

  beforeAll(async () => {
    idp = await startTestOidcProvider();
    t = await createTestApp(mode, { config: { secretKey: KEY, adminLoginRateLimitPerMinute: 1000 } });
    await createStaff(t, 'admin@fjordvik.example', { fjordvik: ['municipality_admin'] });
    await createStaff(t, 'editor@fjordvik.example', { fjordvik: ['editor'] });
    await createStaff(t, 'both@fjordvik.example', { fjordvik: ['editor'], alvby: ['analyst'] });
    await createStaff(t, 'operator@fjordvik.example', { fjordvik: ['editor'] }, { platformAdmin: true });
    admin = await login(t, 'admin@fjordvik.example');
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('is offered on the login page only once a municipality admin has set it up', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/sso' });
    expect(before.json()).toEqual({ providers: [] });
    const unset = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/sso/fjordvik/start' });
    expect(unset.headers.location).toBe('/admin/?sso=unavailable#/login');

    const res = await configure({
      enabled: true,
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ configured: true, enabled: true, clientSecretSet: true });
    expect(res.json().redirectUri).toMatch(/\/api\/v1\/admin\/auth\/sso\/callback$/);
    expect(JSON.stringify(res.json())).not.toContain(idp.clientSecret);
    const stored = await t.runtime.store.db.selectFrom('municipality_sso').selectAll().executeTakeFirstOrThrow();
    expect(stored.client_secret).not.toContain(idp.clientSecret);

    const after = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/sso' });
    expect(after.json().providers).toEqual([{ slug: 'fjordvik', name: expect.any(String) }]);
  });

  it('refuses a provider whose discovery document cannot be read, and keeps the one before', async () => {
    const res = await configure({ enabled: true, issuer: 'http://127.0.0.1:9/nothing', clientId: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    const stored = await t.runtime.store.db.selectFrom('municipality_sso').selectAll().executeTakeFirstOrThrow();
    expect(stored.issuer).toBe(idp.issuer);
  });

  it('lets only a municipality admin of that municipality change it', async () => {
    const editor = await login(t, 'editor@fjordvik.example');
    expect((await configure({ enabled: false, issuer: idp.issuer, clientId: 'x' }, editor)).statusCode).toBe(403);
    expect((await asStaff(t, editor, 'GET', '/municipalities/fjordvik/sso')).statusCode).toBe(403);
  });

  it('signs in an existing member with PKCE, links the account and audits the sign-in', async () => {
    idp.user = { sub: 'editor-sub', email: 'Editor@Fjordvik.example' };
    const { callback, start } = await signInAtProvider();
    expect(new URL(start.headers.location as string).searchParams.get('code_challenge_method')).toBe('S256');
    expect(idp.tokenRequests.at(-1)?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/admin/');
    expect(await signedInEmail(sessionOf(callback))).toBe('editor@fjordvik.example');
    const user = await t.runtime.store.db
      .selectFrom('staff_user')
      .selectAll()
      .where('email', '=', 'editor@fjordvik.example')
      .executeTakeFirstOrThrow();
    expect({ issuer: user.sso_issuer, subject: user.sso_subject }).toEqual({
      issuer: idp.issuer,
      subject: 'editor-sub',
    });
    expect(await lastSsoAudit()).toMatchObject({ actor_email: 'editor@fjordvik.example', outcome: 'allowed' });
  });

  it('recognises a linked account by its subject even when the e-mail address changed at the provider', async () => {
    idp.user = { sub: 'editor-sub', email: 'new-name@fjordvik.example' };
    const { callback } = await signInAtProvider();
    expect(await signedInEmail(sessionOf(callback))).toBe('editor@fjordvik.example');
  });

  it('refuses another subject that presents the e-mail address of a linked account', async () => {
    idp.user = { sub: 'someone-else', email: 'editor@fjordvik.example' };
    const { callback } = await signInAtProvider();
    expect(callback.headers.location).toBe('/admin/?sso=denied#/login');
    expect(sessionOf(callback)).toBeUndefined();
    expect(await lastSsoAudit()).toMatchObject({ actor_email: 'editor@fjordvik.example', outcome: 'denied' });
  });

  it.each([
    ['an unknown person (no self-registration)', { sub: 'new', email: 'stranger@fjordvik.example' }],
    ['an unverified e-mail address', { sub: 'admin-sub', email: 'admin@fjordvik.example', emailVerified: false }],
    ['a member who also has roles in another municipality', { sub: 'both', email: 'both@fjordvik.example' }],
    ['a platform admin', { sub: 'operator', email: 'operator@fjordvik.example' }],
  ])('refuses %s', async (_name, user) => {
    idp.user = user;
    const { callback } = await signInAtProvider();
    expect(callback.headers.location).toBe('/admin/?sso=denied#/login');
    expect(sessionOf(callback)).toBeUndefined();
  });

  it('refuses a callback that did not start in this browser, a replayed one and a wrong nonce', async () => {
    idp.user = { sub: 'admin-sub', email: 'admin@fjordvik.example' };
    const foreign = await signInAtProvider('fjordvik', { withStateCookie: false });
    expect(foreign.callback.headers.location).toBe('/admin/?sso=failed#/login');
    expect(sessionOf(foreign.callback)).toBeUndefined();

    const first = await signInAtProvider();
    expect(await signedInEmail(sessionOf(first.callback))).toBe('admin@fjordvik.example');
    const replay = await t.app.inject({
      method: 'GET',
      url: first.back.pathname + first.back.search,
      headers: { cookie: `${STATE_COOKIE}=${first.state!.value}` },
    });
    expect(replay.headers.location).toBe('/admin/?sso=failed#/login');

    idp.forceNonce = 'not-the-nonce-we-sent';
    try {
      const wrongNonce = await signInAtProvider();
      expect(wrongNonce.callback.headers.location).toBe('/admin/?sso=failed#/login');
      expect(sessionOf(wrongNonce.callback)).toBeUndefined();
    } finally {
      idp.forceNonce = undefined;
    }
  });

  it('stops offering the provider once it is disabled', async () => {
    const res = await configure({ enabled: false, issuer: idp.issuer, clientId: idp.clientId });
    expect(res.json()).toMatchObject({ enabled: false, clientSecretSet: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/sso' })).json()).toEqual({ providers: [] });
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/sso/fjordvik/start' });
    expect(start.headers.location).toBe('/admin/?sso=unavailable#/login');
  });
});
