import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../../server/test/browser.ts';
import { buildApp } from '../../server/src/server/app.ts';
import { upsertAnswerOverride } from '../../server/src/store/answer-override.repository.ts';
import { findMunicipalityBySlug } from '../../server/src/store/municipality.repository.ts';
import { BUNDLE_PATH, focusedInWidget, openHostPage, startHarness, type Harness } from './widget.harness.ts';

const W = 'kommunechat-widget';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const launcher = (page: Page) => page.locator(`${W} .launcher`);
const input = (page: Page) => page.locator(`${W} textarea`);
const botMessages = (page: Page) => page.locator(`${W} .msg.bot`);
const menuButton = (page: Page) => page.locator(`${W} button[aria-controls="kc-menu"]`);

/** Opens the widget (unless open) and starts a conversation from the notice; resolves when the greeting and notice are shown. */
async function startChat(page: Page, open = true): Promise<void> {
  if (open) await launcher(page).click();
  await page.locator(`${W} .card .btn.primary, ${W} .row .btn.primary`).click();
  await botMessages(page).nth(1).waitFor();
}

interface Reply {
  language: string;
  messages: { text: string; intent?: string; quickReplies?: { label: string; payload: string }[] }[];
}

/** Types a message and presses Enter; resolves with the server's reply as the widget received it. */
async function ask(page: Page, text: string): Promise<Reply> {
  const response = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
  await input(page).fill(text);
  await input(page).press('Enter');
  return (await response).json() as Promise<Reply>;
}

async function storage(page: Page) {
  return page.evaluate(() => ({ session: sessionStorage.length, local: localStorage.length, cookie: document.cookie }));
}

async function session(page: Page): Promise<{ conversationId: string; token: string }> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('kommunechat:fjordvik') ?? 'null'));
}

describe('the chat widget in Chromium against the real server', () => {
  it('is at most 30 KB gzip, JS and CSS together', () => {
    expect(gzipSync(readFileSync(BUNDLE_PATH), { level: 9 }).length).toBeLessThanOrEqual(30 * 1024);
  });

  it('adds only a launcher, requests and stores nothing before it is opened, and keeps its styles to itself', async () => {
    const { context, page, requests } = await openHostPage(h);
    await page.waitForTimeout(300);
    expect(requests).toEqual(['/widget.js']);
    expect(await storage(page)).toEqual({ session: 0, local: 0, cookie: '' });
    expect(await context.cookies()).toEqual([]);
    await expect.poll(() => launcher(page).getAttribute('aria-label')).toBe('Åpne chat med den digitale assistenten');
    const styles = await page.evaluate(() => {
      const b = document.querySelector('kommunechat-widget')!.shadowRoot!.querySelector('.launcher')!;
      const host = document.getElementById('host-button')!;
      return {
        widgetFont: getComputedStyle(b).fontFamily,
        widgetBackground: getComputedStyle(b).backgroundColor,
        hostBackground: getComputedStyle(host).backgroundColor,
        documentStyles: document.querySelectorAll('style').length + document.adoptedStyleSheets.length,
      };
    });
    expect(styles.widgetFont).not.toContain('Comic');
    expect(styles.widgetBackground).not.toBe('rgb(0, 0, 128)');
    expect(styles.hostBackground).toBe('rgb(0, 0, 128)');
    expect(styles.documentStyles).toBe(0);
    await expectAccessible(page, 'closed');

    await launcher(page).click();
    await page.locator(`${W} #kc-notice`).waitFor();
    const notice = await page.locator(`${W} #kc-notice`).innerText();
    expect(notice).toMatch(/automatisk assistent.*Fjordvik kommune/);
    expect(notice).toContain('21 dager');
    expect(notice).toMatch(/maskert/);
    expect(notice).toMatch(/Ikke skriv personopplysninger/);
    expect(await page.locator(`${W} #kc-notice a`).getAttribute('href')).toBe(
      'https://www.fjordvik.kommune.example/personvern',
    );
    expect(requests.sort()).toEqual(['/api/v1/municipalities/fjordvik', '/demo/fjordvik/logo.svg', '/widget.js']);
    expect(await storage(page)).toEqual({ session: 0, local: 0, cookie: '' });
    expect(await focusedInWidget(page)).toBe('button.btn.primary');
    expect(
      await page.evaluate(
        () =>
          getComputedStyle(document.querySelector('kommunechat-widget')!.shadowRoot!.querySelector('.head')!)
            .backgroundColor,
      ),
    ).toBe('rgb(11, 83, 148)');
    await expectAccessible(page, 'notice');
    await context.close();
  });

  it('answers a question in each language, and switches its own language', async () => {
    const cases = [
      {
        slug: 'fjordvik',
        lang: 'nb',
        switchTo: undefined,
        text: 'Når blir søppelet hentet?',
        intent: 'waste.collection_schedule',
        placeholder: 'Skriv spørsmålet ditt …',
      },
      {
        slug: 'fjordvik',
        lang: 'nb',
        switchTo: 'nn',
        text: 'Korleis søkjer eg barnehageplass?',
        intent: 'childcare.apply',
        placeholder: 'Skriv spørsmålet ditt …',
      },
      {
        slug: 'fjordvik',
        lang: 'en',
        switchTo: undefined,
        text: 'How do I apply for a kindergarten place?',
        intent: 'childcare.apply',
        placeholder: 'Write your question …',
      },
      {
        slug: 'bogelund',
        lang: 'da',
        switchTo: undefined,
        text: 'Hvornår bliver mit affald hentet?',
        intent: 'waste.collection_schedule',
        placeholder: 'Skriv dit spørgsmål …',
      },
      {
        slug: 'alvby',
        lang: 'sv',
        switchTo: undefined,
        text: 'Hur ansöker jag om bygglov?',
        intent: 'building.permit_apply',
        placeholder: 'Skriv din fråga …',
      },
    ];
    for (const c of cases) {
      const { context, page } = await openHostPage(h, { slug: c.slug, lang: c.lang });
      await launcher(page).click();
      if (c.switchTo) {
        await menuButton(page).click();
        await page.locator(`${W} #kc-lang`).selectOption(c.switchTo);
        await expect.poll(() => page.locator(`${W} #kc-notice h3`).innerText()).toBe('Før du byrjar');
        await page.keyboard.press('Escape');
      }
      const started = page.waitForResponse(
        (r) => r.url().endsWith('/conversations') && r.request().method() === 'POST',
      );
      await startChat(page, false);
      expect((await started).request().postDataJSON()).toMatchObject({ language: c.switchTo ?? c.lang });
      expect(await input(page).getAttribute('placeholder')).toBe(c.placeholder);
      const reply = await ask(page, c.text);
      expect(reply.language, c.text).toBe(c.switchTo ?? c.lang);
      expect(reply.messages[0]?.intent, c.text).toBe(c.intent);
      await expect.poll(() => botMessages(page).last().innerText()).toContain(reply.messages[0]!.text.slice(0, 25));
      expect(await page.locator(`${W} .msg.user`).innerText()).toContain(c.text);
      await context.close();
    }
  });

  it('sends a quick reply as its label and payload, and replaces the old ones', async () => {
    const { context, page } = await openHostPage(h);
    await startChat(page);
    const first = await ask(page, 'Når blir søppelet hentet?');
    const offered = first.messages.at(-1)?.quickReplies ?? [];
    expect(offered.length).toBeGreaterThan(0);
    const buttons = page.locator(`${W} .replies button`);
    await expect.poll(() => buttons.allInnerTexts()).toEqual(offered.map((q) => q.label));
    await expectAccessible(page, 'conversation');

    const request = page.waitForRequest((r) => r.url().endsWith('/messages') && r.method() === 'POST');
    const response = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await buttons.first().click();
    const body = (await request).postDataJSON();
    expect(body).toMatchObject({ text: offered[0]!.label, quickReply: offered[0]!.payload });
    expect(body.clientMessageId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const second = (await (await response).json()) as Reply;
    expect(second.messages[0]?.intent).toBe(offered[0]!.payload.replace(/^intent:/, ''));
    await expect.poll(() => botMessages(page).count()).toBe(4);
    expect(await focusedInWidget(page)).toBe('textarea.');
    await context.close();
  });

  it('downloads the conversation as text and JSON, then deletes it: the server answers 404 and nothing remains', async () => {
    const { context, page } = await openHostPage(h);
    await startChat(page);
    await ask(page, 'Når blir søppelet hentet? Ring meg på 912 34 567');
    const { conversationId, token } = await session(page);
    expect(token.length).toBeGreaterThan(20);

    await menuButton(page).click();
    await expectAccessible(page, 'menu');
    const menu = page.locator(`${W} #kc-menu`);
    expect(await menu.innerText()).toMatch(
      /\+47 55 00 00 00[\s\S]*postmottak@fjordvik\.kommune\.example[\s\S]*Rådhusgata 1/,
    );
    expect(await menu.locator('a[href="https://www.fjordvik.kommune.example/personvern"]').count()).toBe(1);

    const textDownload = page.waitForEvent('download');
    await menu.getByRole('button', { name: 'Last ned samtalen (tekst)' }).click();
    const text = readFileSync((await (await textDownload).path())!, 'utf8');
    expect(text).toContain(`Conversation ${conversationId}`);
    expect(text).toContain('søppelet');
    expect(text).not.toContain('912 34 567');
    const jsonDownload = page.waitForEvent('download');
    await menu.getByRole('button', { name: 'Last ned samtalen (JSON)' }).click();
    const saved = await jsonDownload;
    expect(saved.suggestedFilename()).toBe(`conversation-${conversationId}.json`);
    const data = JSON.parse(readFileSync((await saved.path())!, 'utf8'));
    expect(data.conversation.id).toBe(conversationId);
    expect(data.messages.map((m: { role: string }) => m.role)).toEqual(['bot', 'bot', 'user', 'bot']);

    await menu.getByRole('button', { name: 'Slett samtalen' }).click();
    expect(await focusedInWidget(page)).toBe('button.btn');
    expect(await menu.innerText()).toContain('Vil du slette samtalen for godt?');
    await menu.getByRole('button', { name: 'Ja, slett' }).click();
    await expect.poll(() => page.locator(`${W} .scroll`).innerText()).toMatch(/Samtalen er slettet \(4 meldinger\)/);
    expect(await storage(page)).toEqual({ session: 0, local: 0, cookie: '' });
    expect(await page.locator(`${W} .msg`).count()).toBe(0);
    await expectAccessible(page, 'after delete');
    const after = await fetch(`${h.apiBase}/api/v1/conversations/${conversationId}/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(404);
    await context.close();
  });

  it('retries a message whose reply was lost without sending it twice, and shows error and offline states', async () => {
    const { context, page } = await openHostPage(h);
    await startChat(page);
    const { conversationId, token } = await session(page);

    // The server commits the message but the reply never arrives: the retry under the same id gets the stored reply.
    let lost = 0;
    await page.route('**/messages', async (route) => {
      if (route.request().method() !== 'POST' || lost > 0) return route.fallback();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const reply = await ask(page, 'Når blir søppelet hentet?');
    expect(reply.messages[0]?.intent).toBe('waste.collection_schedule');
    await expect.poll(() => botMessages(page).count()).toBe(3);
    expect(lost).toBe(1);
    await page.unrouteAll();
    const stored = await (
      await fetch(`${h.apiBase}/api/v1/conversations/${conversationId}/export`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(stored.messages.map((m: { role: string }) => m.role)).toEqual(['bot', 'bot', 'user', 'bot']);

    // The server is unreachable: after one automatic retry the visitor sees the error and a retry button.
    await page.route('**/messages', (route) =>
      route.request().method() === 'POST' ? route.abort('connectionrefused') : route.fallback(),
    );
    await input(page).fill('Hvordan søker jeg barnehageplass?');
    await input(page).press('Enter');
    const retry = page.locator(`${W} .failed button`);
    await retry.waitFor({ timeout: 10_000 });
    expect(await page.locator(`${W} .failed`).innerText()).toContain('Meldingen ble ikke sendt.');
    await expectAccessible(page, 'error');
    await page.unrouteAll();
    await retry.click();
    await expect.poll(() => botMessages(page).count()).toBe(4);
    expect(await page.locator(`${W} .failed`).count()).toBe(0);

    // Offline: the message waits and goes out by itself when the connection is back.
    await context.setOffline(true);
    await input(page).fill('Hvordan søker jeg byggetillatelse?');
    await input(page).press('Enter');
    await page.locator(`${W} .banner`).waitFor();
    expect(await page.locator(`${W} .banner`).innerText()).toContain('Du er frakoblet');
    await context.setOffline(false);
    await expect.poll(() => botMessages(page).count()).toBe(5);
    const all = await (
      await fetch(`${h.apiBase}/api/v1/conversations/${conversationId}/export`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(all.messages.filter((m: { role: string }) => m.role === 'user')).toHaveLength(3);
    expect(await page.locator(`${W} .msg.user`).count()).toBe(3);
    await context.close();
  });

  it('works with the keyboard alone: focus moves into the dialog and back to the launcher on Escape', async () => {
    const { context, page } = await openHostPage(h);
    for (let i = 0; i < 6 && (await focusedInWidget(page)) !== 'button.launcher'; i++) await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('button.launcher');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedInWidget(page)).toBe('button.btn.primary');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedInWidget(page)).toBe('textarea.');
    const response = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await page.keyboard.type('Når blir søppelet hentet?');
    await page.keyboard.press('Enter');
    expect(((await (await response).json()) as Reply).messages[0]?.intent).toBe('waste.collection_schedule');
    await expect.poll(() => page.locator(`${W} [aria-live] p`).first().innerText()).toContain('Tømmekalenderen');
    expect(await page.locator(`${W} [aria-live] p`).count()).toBe(1);

    // The ?-menu: open it, reach the language switcher, close it with Escape.
    const controls = () =>
      page.evaluate(() =>
        document.querySelector('kommunechat-widget')!.shadowRoot!.activeElement?.getAttribute('aria-controls'),
      );
    for (let i = 0; i < 20 && (await controls()) !== 'kc-menu'; i++) await page.keyboard.press('Shift+Tab');
    expect(await controls()).toBe('kc-menu');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedInWidget(page)).toBe('select.');
    await page.keyboard.press('Escape');
    expect(await page.locator(`${W} #kc-menu`).isHidden()).toBe(true);
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Escape');
    expect(await page.locator(`${W} [role=dialog]`).isHidden()).toBe(true);
    expect(await focusedInWidget(page)).toBe('button.launcher');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedInWidget(page)).toBe('textarea.');
    await context.close();
  });

  it('keeps what a visitor types and what an answer contains as inert text', async () => {
    const db = h.t.runtime.store.db;
    const fjordvik = (await findMunicipalityBySlug(db, 'fjordvik'))!;
    await upsertAnswerOverride(
      db,
      fjordvik.id,
      {
        intent: 'bot.thanks',
        language: 'nb',
        mode: 'replace',
        text: 'Bare hyggelig <img src=x onerror="window.__xss=3"> <script>window.__xss=4</script>\n\n[klikk her](javascript:window.__xss=5) og [trygg lenke](https://example.org/a) og [ring](tel:+4755000000)',
      },
      new Date(),
    );
    h.t.runtime.conversations.municipalities.invalidate(fjordvik.id);
    const { context, page } = await openHostPage(h);
    await startChat(page);
    const typed = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await ask(page, typed);
    expect(await page.locator(`${W} .msg.user`).first().innerText()).toContain(typed);
    const reply = await ask(page, 'Tusen takk for hjelpen!');
    expect(reply.messages[0]?.intent).toBe('bot.thanks');
    const answer = botMessages(page).last();
    await expect.poll(() => answer.innerText()).toContain('<img src=x onerror="window.__xss=3">');
    expect(await answer.innerText()).toContain('klikk her');
    const links = await answer
      .locator('a')
      .evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel'), target: a.getAttribute('target') })),
      );
    expect(links).toEqual([
      { href: 'https://example.org/a', rel: 'noopener noreferrer', target: '_blank' },
      { href: 'tel:+4755000000', rel: null, target: null },
    ]);
    expect(await page.locator(`${W} img:not(.logo), ${W} script`).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await context.close();
  });

  it('survives navigation within the site, then ends with feedback and clears the browser storage', async () => {
    const { context, page } = await openHostPage(h);
    await startChat(page);
    await ask(page, 'Når blir søppelet hentet?');
    const before = await session(page);
    await page.locator('a', { hasText: 'Another page' }).click();
    await page.waitForURL('**/other?**');
    await expect.poll(() => botMessages(page).count()).toBe(3);
    expect(await page.locator(`${W} .msg.user`).innerText()).toContain('søppelet');
    expect(await page.locator(`${W} .replies button`).count()).toBeGreaterThan(0);
    expect((await session(page)).conversationId).toBe(before.conversationId);

    const reply = await ask(page, 'Ha det bra');
    expect(reply.messages[0]?.intent).toBe('bot.goodbye');
    const end = page.locator(`${W} .end`);
    await end.waitFor();
    expect(await end.innerText()).toContain('Fikk du hjelp?');
    const ended = page.waitForRequest((r) => r.url().endsWith('/end'));
    await end.getByRole('button', { name: 'Ja', exact: true }).click();
    expect((await ended).postDataJSON()).toEqual({ helpful: true });
    await expect.poll(() => end.innerText()).toContain('Samtalen er avsluttet.');
    expect(await storage(page)).toEqual({ session: 0, local: 0, cookie: '' });
    expect(await input(page).isHidden()).toBe(true);
    // Download still works after the end, from memory: the token was never written anywhere else.
    const download = page.waitForEvent('download');
    await end.getByRole('button', { name: 'Last ned samtalen (tekst)' }).click();
    expect(readFileSync((await (await download).path())!, 'utf8')).toContain('Ha det bra');
    await context.close();
  });

  it('listens and reads aloud where the browser can, and hides the controls where it cannot', async () => {
    const withVoice = await openHostPage(h, {
      init: () => {
        const w = window as unknown as Record<string, unknown>;
        w.__spoken = [];
        // A stand-in for the browser's recogniser that "hears" one question. A plain constructor function, because
        // this source is sent to the browser as it is and must not need the test runner's class-field helpers.
        w.SpeechRecognition = w.webkitSpeechRecognition = function () {
          const r = {
            lang: '',
            onresult: null as null | ((e: unknown) => void),
            onend: null as null | (() => void),
            start() {
              w.__heardIn = r.lang;
              setTimeout(() => {
                r.onresult?.({
                  resultIndex: 0,
                  results: [Object.assign([{ transcript: 'Når blir søppelet hentet?' }], { isFinal: true })],
                });
                r.onend?.();
              }, 50);
            },
            stop() {
              r.onend?.();
            },
          };
          return r;
        };
        speechSynthesis.speak = (u: SpeechSynthesisUtterance) =>
          void (w.__spoken as string[]).push(`${u.lang}:${u.text.slice(0, 20)}`);
      },
    });
    const page = withVoice.page;
    await startChat(page);
    await menuButton(page).click();
    const readAloud = page.locator(`${W} #kc-menu button[aria-pressed]`);
    await readAloud.click();
    expect(await readAloud.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    const response = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    const mic = page.locator(`${W} .composer button[aria-pressed]`);
    expect(await mic.getAttribute('aria-label')).toBe('Snakk i stedet for å skrive');
    await mic.click();
    expect(((await (await response).json()) as Reply).messages[0]?.intent).toBe('waste.collection_schedule');
    expect(await page.evaluate(() => (window as unknown as { __heardIn: string }).__heardIn)).toBe('nb-NO');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken))
      .toEqual(['nb-NO:Tømmekalenderen for ']);
    await withVoice.context.close();

    const without = await openHostPage(h, {
      init: () => {
        const w = window as unknown as Record<string, unknown>;
        delete w.webkitSpeechRecognition;
        delete w.SpeechRecognition;
        delete w.SpeechSynthesisUtterance;
        delete (Window.prototype as unknown as Record<string, unknown>).speechSynthesis;
      },
    });
    await startChat(without.page);
    await menuButton(without.page).click();
    expect(await without.page.locator(`${W} [aria-pressed]`).count()).toBe(0);
    await without.context.close();
  });

  it('is usable at 320 px width without horizontal scrolling', async () => {
    const { context, page } = await openHostPage(h, { context: { viewport: { width: 320, height: 640 } } });
    await startChat(page);
    await ask(page, 'Når blir søppelet hentet?');
    const box = await page.locator(`${W} [role=dialog]`).boundingBox();
    expect(box).toMatchObject({ x: 0, width: 320 });
    const overflow = await page.evaluate(() => {
      const root = document.querySelector('kommunechat-widget')!.shadowRoot!;
      return [...root.querySelectorAll<HTMLElement>('.scroll, .head, .composer')].map(
        (el) => el.scrollWidth - el.clientWidth,
      );
    });
    expect(overflow).toEqual([0, 0, 0]);
    await expectAccessible(page, '320 px');
    await context.close();
  });

  it("serves a demo website per municipality that runs the widget under the server's strict CSP", async () => {
    const app = await buildApp(h.t.runtime);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const index = await app.inject('/demo/');
      expect(index.statusCode).toBe(200);
      for (const slug of ['fjordvik', 'bogelund', 'alvby']) {
        expect(index.body).toContain(`href="/demo/${slug}"`);
        for (const path of [`/demo/${slug}`, `/demo/${slug}/kontakt`]) {
          const res = await app.inject(path);
          expect(res.statusCode, path).toBe(200);
          expect(res.headers['content-security-policy']).toContain("script-src 'self'");
          expect(res.body).toContain(`<script src="/widget.js" data-municipality="${slug}" async></script>`);
          expect(res.body.match(/<script\b(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=/g), path).toBeNull();
        }
        const logo = await app.inject(`/demo/${slug}/logo.svg`);
        expect(logo.headers['content-type']).toContain('image/svg+xml');
        expect(logo.headers['cross-origin-resource-policy']).toBe('cross-origin');
        expect((await app.inject(`/demo/${slug}/theme.css`)).body).toMatch(/^:root\{--brand:#[0-9a-f]{6}\}$/i);
      }
      expect((await app.inject('/demo/demo.css')).headers['content-type']).toContain('text/css');
      expect((await app.inject('/demo/nowhere')).statusCode).toBe(404);

      const context = await h.browser.newContext();
      await context.route(
        (url) => url.hostname !== '127.0.0.1',
        (route) => route.abort(),
      );
      const page = await context.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|ERR_BLOCKED/i.test(m.text())) blocked.push(m.text());
      });
      await page.goto(`${base}/demo/bogelund`);
      expect(await page.locator('h1').innerText()).toBe('Velkommen til Bøgelund Kommune');
      await startChat(page);
      const reply = await ask(page, 'Hvornår bliver mit affald hentet?');
      expect(reply.messages[0]?.intent).toBe('waste.collection_schedule');
      expect(await page.locator(`${W} .logo`).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await page.locator('nav a', { hasText: 'Kontakt os' }).click();
      await page.waitForURL('**/demo/bogelund/kontakt');
      await expect.poll(() => botMessages(page).count()).toBe(3);
      expect(blocked).toEqual([]);
      await context.close();
    } finally {
      await app.close();
    }
  });
});
