// Screenshots of the widget's main states on a demo website, desktop and 320 px wide, for docs/screenshots.
// Run: node packages/widget/test/screenshots.script.ts (real server on 127.0.0.1, fresh database, headless Chromium).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { buildApp } from '../../server/src/server/app.ts';
import { startHarness } from './widget.harness.ts';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const W = 'kommunechat-widget';

const h = await startHarness();
const app = await buildApp(h.t.runtime);
// Until app.ts registers the demo routes, this script does.
const base = await app.listen({ host: '127.0.0.1', port: 0 });
mkdirSync(OUT, { recursive: true });

async function ask(page: Page, text: string): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
  await page.locator(`${W} textarea`).fill(text);
  await page.locator(`${W} textarea`).press('Enter');
  await answered;
  await page.waitForTimeout(200);
}

async function capture(size: 'desktop' | '320', viewport: { width: number; height: number }): Promise<void> {
  const context = await h.browser.newContext({ viewport, reducedMotion: 'reduce' });
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  const page = await context.newPage();
  const shot = (state: string) => page.screenshot({ path: `${OUT}${state}-${size}.png` });
  await page.goto(`${base}/demo/fjordvik`);
  await page.locator(`${W} .launcher`).waitFor();
  await shot('closed');
  await page.locator(`${W} .launcher`).click();
  await page.locator(`${W} #kc-notice`).waitFor();
  await shot('notice');
  await page.locator(`${W} .btn.primary`).click();
  await page.locator(`${W} .msg.bot`).nth(1).waitFor();
  await ask(page, 'Når blir søppelet hentet?');
  await shot('conversation');
  await page.locator(`${W} button[aria-controls="kc-menu"]`).click();
  await shot('menu');
  await page.keyboard.press('Escape');
  await page.route('**/messages', (route) =>
    route.request().method() === 'POST' ? route.abort('connectionrefused') : route.fallback(),
  );
  await page.locator(`${W} textarea`).fill('Hvordan søker jeg barnehageplass?');
  await page.locator(`${W} textarea`).press('Enter');
  await page.locator(`${W} .failed button`).waitFor({ timeout: 10_000 });
  await shot('error');
  await page.unrouteAll();
  await page.locator(`${W} .failed button`).click();
  await page.locator(`${W} .msg.bot`).nth(3).waitFor();
  await ask(page, 'Ha det bra');
  await page.locator(`${W} .end`).waitFor();
  await shot('goodbye');
  await page.locator(`${W} button[aria-controls="kc-menu"]`).click();
  await page.locator(`${W} #kc-menu .item.danger`).click();
  await page.locator(`${W} #kc-menu .btn.danger`).click();
  await page.locator(`${W} .scroll .card`).waitFor();
  await shot('deleted');
  await context.close();
}

try {
  await capture('desktop', { width: 1280, height: 800 });
  await capture('320', { width: 320, height: 640 });
  process.stdout.write(`screenshots written to ${OUT}\n`);
} finally {
  await app.close();
  await h.close();
}
