import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { listMunicipalities } from '../../server/src/store/municipality.repository.ts';
import { launchChromium } from '../../server/test/browser.ts';
import { createTestApp, type TestApp } from '../../server/test/test-runtime.ts';

const WIDGET_DIR = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = `${WIDGET_DIR}dist/widget.js`;

/** Builds the widget when the bundle is missing or older than any source file, so tests never run stale code. */
export function ensureWidgetBuilt(): void {
  const sources = readdirSync(`${WIDGET_DIR}src`).map((f) => statSync(`${WIDGET_DIR}src/${f}`).mtimeMs);
  const built = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
  if (built >= Math.max(...sources, statSync(`${WIDGET_DIR}build.ts`).mtimeMs)) return;
  execFileSync(process.execPath, ['build.ts'], { cwd: WIDGET_DIR, stdio: 'inherit' });
}

export const BUNDLE_PATH = BUNDLE;

/**
 * A municipality's website on its own origin: it embeds the widget from the kommunechat server with the script tag,
 * sends a strict CSP (no inline script or style, like many public-sector sites) and has styles that would leak into
 * a widget that did not isolate itself.
 */
function hostSite(apiBase: string): Server {
  const css = `* { font-family: "Comic Sans MS", cursive; letter-spacing: 3px; }
button { background: rgb(0, 0, 128) !important; color: rgb(255, 255, 255) !important; border-radius: 0 !important; }
main { max-width: 40em; margin: 0 auto; }`;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/host.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(css);
      return;
    }
    const slug = url.searchParams.get('m') ?? 'fjordvik';
    const lang = url.searchParams.get('lang') ?? 'nb';
    const next = url.pathname === '/' ? '/other' : '/';
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src ${apiBase}; connect-src ${apiBase} ${apiBase.replace(/^http/, 'ws')}; img-src ${apiBase} data:; style-src 'self'`,
    })
      .end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page ${url.pathname}</title><link rel="stylesheet" href="/host.css"></head>
<body><main><h1>A municipal website</h1><p>Some page content.</p>
<p><a href="${next}?m=${slug}&amp;lang=${lang}">Another page</a> <button type="button" id="host-button">A host button</button></p></main>
<script src="${apiBase}/widget.js" data-municipality="${slug}" async></script></body></html>`);
  });
}

export interface Harness {
  t: TestApp;
  apiBase: string;
  hostOrigin: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real server on 127.0.0.1 with a fresh PGlite database, a host website on another port, and Chromium;
 * `options` go to `createTestApp` (a clock, configuration).
 */
export async function startHarness(options?: Parameters<typeof createTestApp>[1]): Promise<Harness> {
  ensureWidgetBuilt();
  const t = await createTestApp('pglite', options);
  const apiBase = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const host = hostSite(apiBase);
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  // The demo municipalities allow port 8080; the test website runs on a free port, so it is allowed too.
  const db = t.runtime.store.db;
  for (const m of await listMunicipalities(db)) {
    await db
      .updateTable('municipality')
      .set({ allowed_origins: [...m.allowedOrigins, hostOrigin] })
      .where('id', '=', m.id)
      .execute();
    t.runtime.conversations.municipalities.invalidate(m.id);
  }
  const browser = await launchChromium();
  return {
    t,
    apiBase,
    hostOrigin,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => host.close(resolve));
      await t.close();
    },
  };
}

/** A fresh browser context (its own sessionStorage) on the host website of `slug`; `requests` lists paths asked of the kommunechat server. */
export async function openHostPage(
  h: Harness,
  options: { slug?: string; lang?: string; context?: BrowserContextOptions; init?: () => void } = {},
): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
  const context = await h.browser.newContext({ acceptDownloads: true, ...options.context });
  // Nothing may leave 127.0.0.1 (answers link to the fictional municipalities' websites).
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(h.apiBase)) requests.push(new URL(r.url()).pathname);
  });
  if (options.init) await page.addInitScript(options.init);
  await page.goto(`${h.hostOrigin}/?m=${options.slug ?? 'fjordvik'}&lang=${options.lang ?? 'nb'}`);
  await page.locator('kommunechat-widget .launcher').waitFor();
  return { context, page, requests };
}

/** The element focused inside the widget's shadow root, described as `tag.class` (or '' if focus is elsewhere). */
export async function focusedInWidget(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.querySelector('kommunechat-widget')?.shadowRoot?.activeElement;
    return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` : '';
  });
}
