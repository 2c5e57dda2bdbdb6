import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { chat, createStaff, PASSWORD } from '../../../../test/staff-fixtures.ts';

const ADMIN_PACKAGE = fileURLToPath(new URL('../../../../../admin/', import.meta.url));
const XSS_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) <img src=x onerror=alert(2)> AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

// The console in real headless Chromium against the real server: sign-in, an answer, the worklist, a chart, and
// script payloads from citizens staying inert text.
describe('admin console in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const dialogs: string[] = [];
  const cspErrors: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['build.ts'], { cwd: ADMIN_PACKAGE });
    // Plain HTTP on 127.0.0.1 in the test: the __Host-/Secure cookie needs HTTPS.
    t = await createTestApp('pglite', { config: { adminCookieSecure: false } });
    await createStaff(t, 'staff@fjordvik.example', {
      fjordvik: ['municipality_admin', 'editor', 'analyst', 'reviewer'],
    });
    await chat(t, 'fjordvik', ['qwzx vbnm xqvkj zzzzz']);
    await chat(t, 'fjordvik', ['<script>alert(1)</script> Når kommer søppelbilen?'], XSS_UA);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
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
