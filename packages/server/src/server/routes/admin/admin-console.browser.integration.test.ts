import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { expectAccessible, launchChromium, listenOnLoopback } from '../../../../test/browser.ts';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, chat, createStaff, login, PASSWORD } from '../../../../test/staff-fixtures.ts';
import { setRolesInMunicipality } from '../../../store/staff.repository.ts';

const ADMIN_PACKAGE = fileURLToPath(new URL('../../../../../admin/', import.meta.url));
const XSS_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) <img src=x onerror=alert(2)> AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
// The console in real headless Chromium against the real server: sign-in, an answer, the worklist, a chart, script
// payloads from citizens staying inert text, and axe on every view.
describe('admin console in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const dialogs: string[] = [];
  const cspErrors: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['build.ts'], { cwd: ADMIN_PACKAGE });
    // Plain HTTP on 127.0.0.1 in the test: the __Host-/Secure cookie needs HTTPS. A secret key for the second factor.
    t = await createTestApp('pglite', {
      config: { adminCookieSecure: false, secretKey: Buffer.alloc(32, 1).toString('hex') },
    });
    await createStaff(t, 'staff@fjordvik.example', {
      fjordvik: ['municipality_admin', 'editor', 'analyst', 'reviewer', 'agent'],
    });
    await createStaff(t, 'mfa@fjordvik.example', { fjordvik: ['editor'] });
    const mfa = await login(t, 'mfa@fjordvik.example');
    const { secret } = (await asStaff(t, mfa, 'POST', '/auth/totp/setup')).json();
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    expect((await asStaff(t, mfa, 'POST', '/auth/totp/enable', { code })).json()).toEqual({ enabled: true });
    await chat(t, 'fjordvik', ['qwzx vbnm xqvkj zzzzz']);
    await chat(t, 'fjordvik', ['<script>alert(1)</script> Når kommer søppelbilen?'], XSS_UA);
    base = await listenOnLoopback(t.app);
    browser = await launchChromium();
    // axe runs in a page of an explicit context (it opens a second page there to gather its results)
    page = await (await browser.newContext()).newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('passes axe on the sign-in, second-factor and invitation pages', async () => {
    await page.goto(`${base}/admin/`);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await expectAccessible(page, 'sign-in');
    await page.goto(`${base}/admin/#/invite/not-a-real-token`);
    await page.getByRole('heading', { name: 'Welcome: choose a password', level: 1 }).waitFor();
    await expectAccessible(page, 'invitation');

    // in a context of its own, so that the half-signed-in session does not reach the tests below
    const context = await browser.newContext();
    try {
      const mfaPage = await context.newPage();
      await mfaPage.goto(`${base}/admin/`);
      await mfaPage.getByLabel('E-mail').fill('mfa@fjordvik.example');
      await mfaPage.getByLabel('Password').fill(PASSWORD);
      await mfaPage.getByRole('button', { name: 'Sign in' }).click();
      await mfaPage.getByRole('heading', { name: 'Second factor', level: 1 }).waitFor();
      await expectAccessible(mfaPage, 'second factor');
    } finally {
      await context.close();
    }
  });

  it('signs in', async () => {
    const res = await page.goto(`${base}/admin/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('E-mail').fill('staff@fjordvik.example');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/Wrong e-mail address or password/);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Answers', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).textContent()).toContain('Chat logs');
  });

  it('passes axe on every view', async () => {
    const views: [string, string, string][] = [
      ['answers', 'answers', 'Answers'],
      ['chat logs', 'logs', 'Chat logs'],
      ['statistics', 'stats', 'Statistics'],
      ['settings', 'settings', 'Settings'],
      ['staff', 'staff', 'Staff'],
      ['audit log', 'audit', 'Audit log'],
    ];
    for (const [view, path, heading] of views) {
      await page.goto(`${base}/admin/#/m/fjordvik/${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expectAccessible(page, view);
    }

    // the worklist with items in it, before the worklist test below works them off
    await page.goto(`${base}/admin/#/m/fjordvik/worklist`);
    await page.locator('.work-item').first().waitFor();
    await expectAccessible(page, 'worklist');

    await page.goto(`${base}/admin/#/m/fjordvik/answers/waste.collection_schedule`);
    await page.locator('form[data-language="nb"]').waitFor();
    await expectAccessible(page, 'answer');

    await page.goto(`${base}/admin/#/m/fjordvik/logs`);
    await page.getByRole('link', { name: 'Read' }).first().click();
    await page.getByRole('heading', { name: 'Conversation', level: 1 }).waitFor();
    await expectAccessible(page, 'conversation');

    await page.goto(`${base}/admin/#/m/fjordvik/agent`);
    await page.getByRole('heading', { name: 'Live chat', level: 1 }).waitFor();
    await expect.poll(() => page.locator('.connection').textContent()).toMatch(/^Connected/);
    await expectAccessible(page, 'live chat');
  });

  it('edits an answer with a preview and publishes it for citizens at once', async () => {
    await page.goto(`${base}/admin/#/m/fjordvik/answers/waste.collection_schedule`);
    const nb = page.locator('form[data-language="nb"]');
    await nb.getByLabel('Mode').selectOption('replace');
    await nb.getByLabel('Own answer').fill('Tømming hver tirsdag. Spørsmål? Ring {{contact.phone}}. <b>ikke fet</b>');
    await nb.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => nb.locator('.preview').textContent())
      .toBe('Tømming hver tirsdag. Spørsmål? Ring +47 55 00 00 00. <b>ikke fet</b>');
    expect(await nb.locator('.preview b').count()).toBe(0);
    await nb.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Published (nb).');

    const started = (
      await t.app.inject({ method: 'POST', url: '/api/v1/municipalities/fjordvik/conversations', payload: {} })
    ).json();
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${started.conversationId}/messages`,
      payload: { text: 'Når kommer søppelbilen?' },
      headers: { authorization: `Bearer ${started.token}` },
    });
    expect(reply.json().messages[0].text).toContain('Tømming hver tirsdag.');
  });

  it('shows script payloads of citizens and user agents as inert text in the chat log', async () => {
    await page.goto(`${base}/admin/#/m/fjordvik/logs`);
    await page.getByRole('heading', { name: 'Chat logs' }).waitFor();
    // The user agent is reduced to platform and browser family before it is stored; the payload cannot survive.
    await page.getByRole('cell', { name: /^mobile · / }).waitFor();
    await page
      .getByRole('row', { name: /mobile · / })
      .getByRole('link', { name: 'Read' })
      .click();
    await page.getByRole('heading', { name: 'Conversation' }).waitFor();
    expect(await page.locator('.messages').textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('works the worklist: assigning an item removes it and makes a training phrase', async () => {
    await page.goto(`${base}/admin/#/m/fjordvik/worklist`);
    await page.getByRole('heading', { name: 'Worklist' }).waitFor();
    const item = page.locator('.work-item', { hasText: 'qwzx vbnm xqvkj zzzzz' });
    await item.getByLabel('Intent').fill('general.opening_hours');
    await item.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Saved.');
    await expect.poll(() => page.locator('.work-item', { hasText: 'qwzx vbnm xqvkj zzzzz' }).count()).toBe(0);
    const phrases = await t.runtime.store.db.selectFrom('training_phrase').select(['intent', 'text']).execute();
    expect(phrases).toEqual([{ intent: 'general.opening_hours', text: 'qwzx vbnm xqvkj zzzzz' }]);
  });

  it('invites a staff member, shows the link once, and changes and withdraws roles', async () => {
    await page.goto(`${base}/admin/#/m/fjordvik/staff`);
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    await page.getByLabel('Name').fill('Kari Nordmann');
    await page.getByLabel('E-mail').fill('kari@fjordvik.example');
    const invite = page.locator('form', { has: page.getByRole('button', { name: 'Invite' }) });
    await invite.getByLabel('Analyst (statistics)').check();
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => page.locator('#invitation code').textContent()).toMatch(/\/admin\/#\/invite\/[\w-]{20,}$/);
    const row = page.getByRole('row', { name: /kari@fjordvik\.example/ });
    expect(await row.getByLabel('Analyst (statistics)').isChecked()).toBe(true);

    await row.getByLabel('Reviewer (chat logs)').check();
    await row.getByRole('button', { name: 'Save roles' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Roles of kari@fjordvik.example saved.');
    const roles = async () =>
      (
        await t.runtime.store.db
          .selectFrom('staff_role')
          .innerJoin('staff_user', 'staff_user.id', 'staff_role.user_id')
          .select('role')
          .where('email', '=', 'kari@fjordvik.example')
          .orderBy('role')
          .execute()
      ).map((r) => r.role);
    expect(await roles()).toEqual(['analyst', 'reviewer']);

    const again = page.getByRole('row', { name: /kari@fjordvik\.example/ });
    await again.getByLabel('Analyst (statistics)').uncheck();
    await again.getByLabel('Reviewer (chat logs)').uncheck();
    await again.getByRole('button', { name: 'Save roles' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('kari@fjordvik.example no longer works here.');
    expect(await roles()).toEqual([]);
    await expect.poll(() => page.getByRole('row', { name: /kari@fjordvik\.example/ }).count()).toBe(0);
  });

  it('opens another municipality only when asked to', async () => {
    const db = t.runtime.store.db;
    const alvby = await db
      .selectFrom('municipality')
      .select('id')
      .where('slug', '=', 'alvby')
      .executeTakeFirstOrThrow();
    const staff = await db
      .selectFrom('staff_user')
      .select('id')
      .where('email', '=', 'staff@fjordvik.example')
      .executeTakeFirstOrThrow();
    await setRolesInMunicipality(db, staff.id, alvby.id, ['analyst']);
    await page.goto(`${base}/admin/#/m/fjordvik/settings`);
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByLabel('Municipality').selectOption('alvby');
    expect(page.url()).toContain('#/m/fjordvik/settings');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
    expect(page.url()).toContain('#/m/alvby/stats');
    await setRolesInMunicipality(db, staff.id, alvby.id, []);
  });

  it('renders a chart with data', async () => {
    await page.goto(`${base}/admin/#/m/fjordvik/stats`);
    const chart = page.getByRole('img', { name: /^Messages per day/ });
    await chart.waitFor();
    const heights = await chart
      .locator('rect.bar')
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('height'))));
    expect(heights).toHaveLength(30);
    expect(Math.max(...heights)).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toMatch(/stats\.csv\?from=/);
  });

  it('signs out for real and broke no CSP rule', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/v1/admin/municipalities')).status);
    expect(after).toBe(401);
    expect(cspErrors).toEqual([]);
  });
});
