import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchChromium, listenOnLoopback } from '../../../../test/browser.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../../../../test/oidc-provider.ts';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, createStaff, login } from '../../../../test/staff-fixtures.ts';

const ADMIN_PACKAGE = fileURLToPath(new URL('../../../../../admin/', import.meta.url));

// Single sign-on as staff see it, in real headless Chromium: the console's button, the identity provider on another
// port of 127.0.0.1, and back to the console signed in.
describe('single sign-on in a browser', () => {
  let t: TestApp;
  let idp: TestOidcProvider;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['build.ts'], { cwd: ADMIN_PACKAGE });
    idp = await startTestOidcProvider();
    t = await createTestApp('pglite', {
      config: { adminCookieSecure: false, secretKey: Buffer.alloc(32, 5).toString('hex') },
    });
    await createStaff(t, 'admin@fjordvik.example', { fjordvik: ['municipality_admin'] });
    const admin = await login(t, 'admin@fjordvik.example');
    const configured = await asStaff(t, admin, 'PUT', '/municipalities/fjordvik/sso', {
      enabled: true,
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    });
    expect(configured.statusCode).toBe(200);
    base = await listenOnLoopback(t.app);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  it('signs a member in through the identity provider and shows the provider in the settings', async () => {
    idp.user = { sub: 'admin-sub', email: 'admin@fjordvik.example' };
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin/`);
    await page.getByRole('link', { name: /^Sign in with Fjordvik/ }).waitFor();
    await expectAccessible(page, 'sign-in with single sign-on');
    await page.getByRole('link', { name: /^Sign in with Fjordvik/ }).click();
    await page.getByRole('heading', { name: 'Answers', level: 1 }).waitFor();
    expect(page.url()).toMatch(new RegExp(`^${base}/admin/`));
    await page.goto(`${base}/admin/#/m/fjordvik/settings`);
    const sso = page.getByRole('region', { name: 'Single sign-on' });
    await expect.poll(() => sso.locator('code').textContent()).toBe(`${base}/api/v1/admin/auth/sso/callback`);
    expect(await sso.getByLabel('Enabled').isChecked()).toBe(true);
    expect(await sso.getByLabel(/Client secret/).inputValue()).toBe('');
    await page.close();
  });

  it('tells someone without an account why they are not signed in', async () => {
    idp.user = { sub: 'stranger', email: 'stranger@fjordvik.example' };
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin/`);
    await page.getByRole('link', { name: /^Sign in with Fjordvik/ }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/cannot sign in this way/);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(page.url()).not.toContain('sso=');
    await expectAccessible(page, 'sign-in after a refused single sign-on');
    await page.close();
  });
});
