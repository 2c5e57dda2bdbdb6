import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../server/src/clock.ts';
import { createStaff, PASSWORD } from '../../server/test/staff-fixtures.ts';
import { openHostPage, startHarness, type Harness } from './widget.harness.ts';

const W = 'kommunechat-widget';
// Monday 10:00 in Oslo: Fjordvik's service is open (08:00-15:30), so a person is offered once an agent is online
const OPEN = new Date('2026-01-05T09:00:00Z');
const AGENT = 'agent@fjordvik.example';

let h: Harness;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // the admin console is served from its bundle: build it fresh, as the harness does for the widget
  execFileSync(process.execPath, ['build.ts'], {
    cwd: fileURLToPath(new URL('../../admin/', import.meta.url)),
    stdio: 'inherit',
  });
  // plain http on 127.0.0.1: the session cookie cannot be Secure here
  h = await startHarness({ clock: fixedClock(OPEN), config: { adminCookieSecure: false } });
  await createStaff(h.t, AGENT, { fjordvik: ['agent'] });
}, 90_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await h?.close();
});

/** The admin console signed in as the agent, on the agent view; resolves once the agent socket is connected. */
async function agentPage(): Promise<Page> {
  const context = await h.browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${h.apiBase}/admin/`);
  await page.getByLabel('E-mail').fill(AGENT);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Live chat' }).click();
  await page.getByText('Connected: citizens can ask for you.').waitFor();
  return page;
}

/** On the host website: opens the widget, starts a conversation and asks for a person; resolves when waiting. */
async function askForPerson(visitor: Page): Promise<void> {
  await visitor.locator(`${W} .launcher`).click();
  await visitor.locator(`${W} .row .btn.primary`).click();
  await visitor.locator(`${W} .msg.bot`).nth(1).waitFor();
  await visitor.locator(`${W} textarea`).fill('Jeg vil snakke med en person');
  await visitor.locator(`${W} textarea`).press('Enter');
  await visitor.locator(`${W} .replies button`, { hasText: 'Chat med en person' }).click();
  await visitor.locator(`${W} .status.waiting`).waitFor();
}

describe('live handover in Chromium: a visitor on a municipal website and an agent in the admin console', () => {
  it('the visitor asks for a person, the agent takes it, they chat both ways, the agent hands back to the bot', async () => {
    const agent = await agentPage();

    const { context, page: visitor, requests } = await openHostPage(h);
    contexts.push(context);
    const sockets: string[] = [];
    visitor.on('websocket', (ws) => sockets.push(ws.url()));
    // asking for a person: the bot offers a live chat (an agent is online, the service is open)
    await askForPerson(visitor);
    expect(await visitor.locator(`${W} .status.waiting`).textContent()).toBe(
      'Venter på en person fra kommunen … Slutt å vente',
    );
    const { token } = (await visitor.evaluate(() =>
      JSON.parse(sessionStorage.getItem('kommunechat:fjordvik') ?? 'null'),
    )) as { token: string };
    await expect.poll(() => sockets.length).toBe(1);
    expect(sockets[0]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/api\/v1\/conversations\/[0-9a-f-]+\/live$/);
    expect(sockets[0]).not.toContain(token);

    // the agent sees the conversation waiting, takes it and reads the masked transcript
    const row = agent.locator('.agent-queue tbody tr', { hasText: 'Waiting for a person' });
    await row.getByRole('button', { name: 'Take' }).click();
    await agent.locator('.agent-state', { hasText: 'In live chat' }).waitFor();
    await agent.locator('.agent-transcript .message.user', { hasText: 'snakke med en person' }).waitFor();

    // the visitor is told clearly that a person has joined; there is nothing to stop waiting for any more
    await visitor.locator(`${W} .status.joined`).waitFor();
    expect(await visitor.locator(`${W} .stop-waiting`).count()).toBe(0);
    expect(await visitor.locator(`${W} .status.joined`).textContent()).toBe(
      'En person fra kommunen er med i chatten nå.',
    );

    // agent -> visitor, with typing
    await agent.locator('#agent-input').fill('Hei, jeg heter Ola. Hva kan jeg hjelpe med?');
    await visitor.locator(`${W} .agent-typing`).waitFor();
    await agent.locator('#agent-input').press('Enter');
    const fromAgent = visitor.locator(`${W} .msg.agent`);
    await fromAgent.waitFor();
    expect(await fromAgent.textContent()).toContain('Hva kan jeg hjelpe med?');
    expect(await fromAgent.locator('.who').textContent()).toBe('Saksbehandler: ');
    await agent.locator('.agent-transcript .message.agent').waitFor();
    expect(await agent.locator('.agent-transcript .pending').count()).toBe(0);

    // visitor -> agent over the socket, with typing; the visitor's bubble appears after the ack
    await visitor.locator(`${W} textarea`).pressSequentially('Når', { delay: 20 });
    await agent.getByText('The citizen is typing …').waitFor();
    await visitor.locator(`${W} textarea`).fill('Når hentes søpla i Storgata?');
    const before = await visitor.locator(`${W} .msg.user`).count();
    const posts = requests.filter((p) => p.endsWith('/messages')).length;
    await visitor.locator(`${W} textarea`).press('Enter');
    await expect.poll(() => visitor.locator(`${W} .msg.user`).count()).toBe(before + 1);
    await agent.locator('.agent-transcript .message.user', { hasText: 'søpla' }).waitFor();
    expect(await visitor.locator(`${W} .msg.user`).last().textContent()).toContain('Når hentes søpla i Storgata?');
    // it went over the socket, not HTTP
    expect(requests.filter((p) => p.endsWith('/messages')).length).toBe(posts);

    // the agent hands back: the visitor is told the person left, and the bot answers again
    await agent.getByRole('button', { name: 'Hand back to the bot' }).click();
    await agent.locator('.agent-state', { hasText: 'Back with the bot' }).waitFor();
    await visitor.locator(`${W} .status.left`).waitFor();
    expect(await visitor.locator(`${W} .status.left`).textContent()).toBe('Personen har forlatt chatten.');
    const response = visitor.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await visitor.locator(`${W} textarea`).fill('Når hentes søpla?');
    await visitor.locator(`${W} textarea`).press('Enter');
    const reply = (await (await response).json()) as { messages: unknown[] };
    expect(reply.messages.length).toBeGreaterThan(0);
  }, 60_000);

  it('the visitor stops waiting: the agent queue empties and the bot answers again', async () => {
    const agent = await agentPage();
    const { context, page: visitor } = await openHostPage(h);
    contexts.push(context);
    await askForPerson(visitor);
    const queued = agent.locator('.agent-queue tbody tr', { hasText: 'Waiting for a person' });
    await queued.waitFor();
    const waitingBefore = await queued.count();

    await visitor.locator(`${W} .stop-waiting`).click();
    await visitor.locator(`${W} .status.stopped-waiting`).waitFor();
    expect(await visitor.locator(`${W} .status.stopped-waiting`).textContent()).toBe(
      'Du venter ikke lenger. Assistenten kan fortsatt hjelpe deg.',
    );
    expect(await visitor.locator(`${W} .stop-waiting`).count()).toBe(0);
    await expect.poll(() => queued.count()).toBe(waitingBefore - 1);

    const response = visitor.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await visitor.locator(`${W} textarea`).fill('Når hentes søpla?');
    await visitor.locator(`${W} textarea`).press('Enter');
    const reply = (await (await response).json()) as { messages: { intent?: string }[] };
    expect(reply.messages.some((m) => m.intent?.startsWith('waste.'))).toBe(true);
  }, 60_000);

  it('survives navigation (reconnects, still "joined"), and a deletion by the citizen empties the agent view', async () => {
    const agent = await agentPage();
    const { context, page: visitor } = await openHostPage(h);
    contexts.push(context);
    await askForPerson(visitor);
    await agent
      .locator('.agent-queue tbody tr', { hasText: 'Waiting for a person' })
      .getByRole('button', { name: 'Take' })
      .click();
    await visitor.locator(`${W} .status.joined`).waitFor();
    await agent.locator('#agent-input').fill('Hei!');
    await agent.locator('#agent-input').press('Enter');
    await visitor.locator(`${W} .msg.agent`).waitFor();

    // to another page of the website: the widget restores the transcript and reopens the live channel
    await visitor.locator('a', { hasText: 'Another page' }).click();
    await visitor.locator(`${W} .msg.agent`).waitFor();
    await visitor.locator(`${W} .status.joined`).waitFor();
    await agent.locator('#agent-input').fill('Er du der fortsatt?');
    await agent.locator('#agent-input').press('Enter');
    await visitor.locator(`${W} .msg.agent`, { hasText: 'Er du der fortsatt?' }).waitFor();
    await visitor.locator(`${W} textarea`).fill('Ja, jeg er her.');
    await visitor.locator(`${W} textarea`).press('Enter');
    await agent.locator('.agent-transcript .message.user', { hasText: 'Ja, jeg er her.' }).waitFor();

    // the citizen deletes the conversation: the agent sees it, and its content is gone from the agent's screen
    await visitor.locator(`${W} button[aria-controls="kc-menu"]`).click();
    await visitor.locator(`${W} .item.danger`).click();
    await visitor.locator(`${W} .btn.danger`).click();
    await agent.locator('.agent-state', { hasText: 'Deleted by the citizen.' }).waitFor();
    expect(await agent.locator('.agent-transcript li').count()).toBe(0);
  }, 60_000);
});
