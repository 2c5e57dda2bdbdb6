import { randomUUID } from 'node:crypto';
import { HANDOVER_INTENT, HANDOVER_PAYLOAD } from '@kommunechat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseModes } from '../../../test/databases.ts';
import { createStaff, login } from '../../../test/staff-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-runtime.ts';
import { fixedClock } from '../../clock.ts';
import { requeueChatsOfVanishedAgents } from '../../dialogue/handover.service.ts';
import { listMessages } from '../../store/message.repository.ts';
import { LiveClient, type AnyFrame } from './handover.client.ts';

// Monday 10:00 in Oslo: Fjordvik's service is open (08:00-15:30)
const OPEN = new Date('2026-01-05T09:00:00Z');

describe.each(databaseModes())('live handover on %s', (mode) => {
  let t: TestApp;
  let base: string;
  let origin: string;
  let cookie: string;
  const clients: LiveClient[] = [];

  const track = (c: LiveClient) => {
    clients.push(c);
    return c;
  };
  const agentSocket = async () =>
    track(await LiveClient.open(`${base.replace('http', 'ws')}/api/v1/admin/agent/live`, { origin, cookie }));
  const visitorSocket = async (id: string, token: string, o = 'https://www.fjordvik.kommune.example') =>
    track(await LiveClient.open(`${base.replace('http', 'ws')}/api/v1/conversations/${id}/live`, { origin: o, token }));

  async function start() {
    const res = await fetch(`${base}/api/v1/municipalities/fjordvik/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return (await res.json()) as { conversationId: string; token: string };
  }
  async function say(c: { conversationId: string; token: string }, text: string, extra: object = {}) {
    const res = await fetch(`${base}/api/v1/conversations/${c.conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
      body: JSON.stringify({ text, ...extra }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      messages: { text: string; intent?: string; quickReplies?: { payload: string }[] }[];
    };
  }
  const queued = (id: string, state: string) => (f: AnyFrame) =>
    f.type === 'queue' &&
    (f.items as { conversationId: string; state: string }[]).some((i) => i.conversationId === id && i.state === state);

  beforeAll(async () => {
    t = await createTestApp(mode, { clock: fixedClock(OPEN), config: { adminCookieSecure: false } });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = base;
    await createStaff(t, 'agent@fjordvik.example', { fjordvik: ['agent'] });
    await createStaff(t, 'editor@fjordvik.example', { fjordvik: ['editor'] });
    cookie = (await login(t, 'agent@fjordvik.example')).cookie;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('offers contact details and a message when no agent is online', async () => {
    const c = await start();
    const reply = await say(c, 'Snakke med en person', { quickReply: 'human' });
    const offer = reply.messages.find((m) => m.intent === HANDOVER_INTENT.unavailable);
    expect(offer?.text).toContain('+47 55 00 00 00');
    expect(offer?.quickReplies?.[0]?.payload).toBe(HANDOVER_PAYLOAD.leaveMessage);

    const leave = await say(c, 'Legg igjen en melding', { quickReply: HANDOVER_PAYLOAD.leaveMessage });
    expect(leave.messages[0]?.intent).toBe(HANDOVER_INTENT.leaveMessage);
    const left = await say(c, 'Ring meg på 98765432, hilsen Kari Nordmann');
    expect(left.messages[0]?.intent).toBe(HANDOVER_INTENT.messageLeft);
    const stored = await listMessages(t.runtime.store.db, c.conversationId);
    const message = stored.find((m) => m.role === 'user' && m.text.startsWith('Ring meg'));
    expect(message?.text).not.toContain('98765432');
    // afterwards the bot answers again
    const after = await say(c, 'Når hentes søpla?');
    expect(after.messages[0]?.intent).not.toMatch(/^handover\./);
  });

  it('visitor and agent chat live: joined, typing, masked messages acknowledged after commit, retries deduplicated', async () => {
    const agent = await agentSocket();
    await agent.waitFor((f) => f.type === 'hello');
    const c = await start();
    const offer = await say(c, 'Snakke med en person', { quickReply: 'human' });
    expect(offer.messages.at(-1)?.quickReplies?.[0]?.payload).toBe(HANDOVER_PAYLOAD.request);
    const waiting = await say(c, 'Chat med en person', { quickReply: HANDOVER_PAYLOAD.request });
    expect(waiting.messages[0]?.intent).toBe(HANDOVER_INTENT.waiting);
    await agent.waitFor(queued(c.conversationId, 'waiting'));

    const visitor = await visitorSocket(c.conversationId, c.token);
    await visitor.waitFor((f) => f.type === 'ready' && f.state === 'waiting');

    agent.send({ type: 'take', conversationId: c.conversationId });
    const transcript = await agent.waitFor((f) => f.type === 'transcript');
    expect((transcript.messages as unknown[]).length).toBeGreaterThan(3);
    await visitor.waitFor((f) => f.type === 'joined');
    await visitor.waitFor(
      (f) => f.type === 'message' && (f.message as { text: string }).text.includes('har kommet inn'),
    );

    visitor.send({ type: 'typing' });
    await agent.waitFor((f) => f.type === 'typing' && f.conversationId === c.conversationId);

    const from = agent.frames.length;
    visitor.send({ type: 'message', clientMessageId: 'v-1', text: 'Mitt nummer er 12345678' });
    await visitor.waitFor((f) => f.type === 'ack' && f.clientMessageId === 'v-1');
    const got = await agent.waitFor((f) => f.type === 'message', { from });
    expect((got.message as { text: string; role: string }).role).toBe('user');
    expect((got.message as { text: string }).text).not.toContain('12345678');
    // a retry after a lost ack: acknowledged again, stored once
    visitor.send({ type: 'message', clientMessageId: 'v-1', text: 'Mitt nummer er 12345678' });
    await visitor.waitFor((f) => f.type === 'ack' && f.clientMessageId === 'v-1', {
      from: visitor.frames.findIndex((f) => f.type === 'ack') + 1,
    });

    agent.send({
      type: 'message',
      conversationId: c.conversationId,
      clientMessageId: 'a-1',
      text: 'Hei, jeg kan hjelpe deg.',
    });
    await agent.waitFor((f) => f.type === 'ack' && f.clientMessageId === 'a-1');
    await visitor.waitFor((f) => f.type === 'message' && (f.message as { role: string }).role === 'agent');
    agent.send({
      type: 'message',
      conversationId: c.conversationId,
      clientMessageId: 'a-1',
      text: 'Hei, jeg kan hjelpe deg.',
    });
    await agent.waitFor((f) => f.type === 'ack' && f.clientMessageId === 'a-1', {
      from: agent.frames.findIndex((f) => f.type === 'ack' && f.clientMessageId === 'a-1') + 1,
    });

    const stored = await listMessages(t.runtime.store.db, c.conversationId);
    expect(stored.filter((m) => m.client_message_id === 'v-1')).toHaveLength(1);
    expect(stored.filter((m) => m.role === 'agent')).toHaveLength(1);

    // HTTP messages go to the agent too while a person is there
    const http = await say(c, 'Er du der?');
    expect(http.messages).toEqual([]);

    // the agent's connection drops: back to the queue, the visitor is told
    agent.close();
    await visitor.waitFor((f) => f.type === 'left' && f.reason === 'disconnected');
    await visitor.waitFor((f) => f.type === 'state' && f.state === 'waiting');

    const again = await agentSocket();
    await again.waitFor(queued(c.conversationId, 'waiting'));
    again.send({ type: 'take', conversationId: c.conversationId });
    await again.waitFor((f) => f.type === 'ack' && f.action === 'take');
    again.send({ type: 'release', conversationId: c.conversationId });
    await visitor.waitFor((f) => f.type === 'left' && f.reason === 'released');
    const bot = await say(c, 'Når hentes søpla?');
    expect(bot.messages.length).toBeGreaterThan(0);

    const { rows } = await t.runtime.store.db
      .selectFrom('intent_stat')
      .select(['intent', 'count'])
      .where('outcome', '=', 'handover')
      .execute()
      .then((r) => ({ rows: r }));
    const counted = Object.fromEntries(
      rows.filter((r) => r.intent.startsWith('handover.')).map((r) => [r.intent, r.count]),
    );
    expect(counted).toMatchObject({
      'handover.requested': 1,
      'handover.taken': 2,
      'handover.requeued': 1,
      'handover.released': 1,
    });
    const audit = await t.runtime.store.db
      .selectFrom('audit_event')
      .select('action')
      .where('conversation_id', '=', c.conversationId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['handover.take', 'handover.take']);
    again.close();
  });

  it('requeues the live chats of an agent whose instance went away, and only those', async () => {
    const agent = await agentSocket();
    await agent.waitFor((f) => f.type === 'hello');
    const db = t.runtime.store.db;
    const ghost = await createStaff(t, 'ghost@fjordvik.example', { fjordvik: ['agent'] });
    const chats = [];
    for (let i = 0; i < 2; i++) {
      const c = await start();
      await say(c, 'Chat med en person', { quickReply: HANDOVER_PAYLOAD.request });
      await agent.waitFor(queued(c.conversationId, 'waiting'));
      agent.send({ type: 'take', conversationId: c.conversationId });
      await agent.waitFor((f) => f.type === 'ack' && f.action === 'take' && f.conversationId === c.conversationId);
      chats.push(c);
    }
    const [kept, lost] = chats as [(typeof chats)[0], (typeof chats)[0]];
    // the second chat is held by an agent whose instance died: a heartbeat from before the presence timeout
    await db
      .updateTable('handover')
      .set({ agent_id: ghost.id })
      .where('conversation_id', '=', lost.conversationId)
      .execute();
    await db
      .insertInto('agent_presence')
      .values({
        connection_id: randomUUID(),
        user_id: ghost.id,
        municipality_id: (
          await db.selectFrom('municipality').select('id').where('slug', '=', 'fjordvik').executeTakeFirstOrThrow()
        ).id,
        seen_at: new Date(OPEN.getTime() - 5 * 60_000),
      })
      .execute();
    const visitor = await visitorSocket(lost.conversationId, lost.token);
    await visitor.waitFor((f) => f.type === 'ready' && f.state === 'with_agent');

    expect(await requeueChatsOfVanishedAgents(t.runtime.handover)).toBe(1);
    await visitor.waitFor((f) => f.type === 'left' && f.reason === 'disconnected');
    await visitor.waitFor((f) => f.type === 'state' && f.state === 'waiting');
    const states = await db
      .selectFrom('handover')
      .select(['conversation_id', 'state'])
      .where('conversation_id', 'in', [kept.conversationId, lost.conversationId])
      .execute();
    expect(Object.fromEntries(states.map((r) => [r.conversation_id, r.state]))).toEqual({
      [kept.conversationId]: 'with_agent',
      [lost.conversationId]: 'waiting',
    });
    expect(await requeueChatsOfVanishedAgents(t.runtime.handover)).toBe(0);
    agent.send({ type: 'release', conversationId: kept.conversationId });
    await agent.waitFor((f) => f.type === 'ack' && f.action === 'release');
    agent.close();
  });

  it('a citizen deleting during the chat: the agent sees it deleted, the content is gone', async () => {
    const agent = await agentSocket();
    await agent.waitFor((f) => f.type === 'hello');
    const c = await start();
    await say(c, 'Snakke med en person', { quickReply: 'human' });
    await say(c, 'Chat med en person', { quickReply: HANDOVER_PAYLOAD.request });
    agent.send({ type: 'take', conversationId: c.conversationId });
    await agent.waitFor((f) => f.type === 'transcript' && f.conversationId === c.conversationId);
    const visitor = await visitorSocket(c.conversationId, c.token);
    await visitor.waitFor((f) => f.type === 'ready');

    const res = await fetch(`${base}/api/v1/conversations/${c.conversationId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${c.token}` },
    });
    expect(res.status).toBe(200);
    await agent.waitFor((f) => f.type === 'deleted' && f.conversationId === c.conversationId);
    expect((await visitor.waitClosed()).code).toBe(4404);
    agent.send({ type: 'transcript', conversationId: c.conversationId });
    await agent.waitFor((f) => f.type === 'error' && f.code === 'not_found');
    agent.close();
  });

  it('guards the sockets: origin, token, role, malformed and oversized frames, floods', async () => {
    const c = await start();
    await expect(visitorSocket(c.conversationId, c.token, 'https://evil.example')).rejects.toThrow('handshake refused');
    await expect(
      LiveClient.open(`${base.replace('http', 'ws')}/api/v1/admin/agent/live`, {
        origin: 'https://evil.example',
        cookie,
      }),
    ).rejects.toThrow();
    await expect(
      LiveClient.open(`${base.replace('http', 'ws')}/api/v1/admin/agent/live`, { origin }),
    ).rejects.toThrow();
    const editor = (await login(t, 'editor@fjordvik.example')).cookie;
    await expect(
      LiveClient.open(`${base.replace('http', 'ws')}/api/v1/admin/agent/live`, { origin, cookie: editor }),
    ).rejects.toThrow();

    const wrong = await visitorSocket(c.conversationId, 'x'.repeat(43));
    expect((await wrong.waitClosed()).code).toBe(4401);

    // token in a first frame instead of the subprotocol
    const byFrame = track(
      await LiveClient.open(`${base.replace('http', 'ws')}/api/v1/conversations/${c.conversationId}/live`, {
        origin: 'https://www.fjordvik.kommune.example',
      }),
    );
    byFrame.send('{not json');
    await byFrame.waitFor((f) => f.type === 'error' && f.code === 'bad_request');
    byFrame.send({ type: 'auth', token: c.token });
    await byFrame.waitFor((f) => f.type === 'ready');
    byFrame.send({ type: 'message', clientMessageId: 'x', text: 'hei', extra: 1 });
    await byFrame.waitFor((f) => f.type === 'error', { from: 2 });
    byFrame.send({ type: 'message', clientMessageId: 'ok-1', text: 'Når hentes søpla?' });
    await byFrame.waitFor((f) => f.type === 'ack' && f.clientMessageId === 'ok-1');
    await byFrame.waitFor((f) => f.type === 'message' && (f.message as { role: string }).role === 'bot');

    const flood = await visitorSocket(c.conversationId, c.token);
    for (let i = 0; i < 200; i++) flood.send({ type: 'typing' });
    await flood.waitFor((f) => f.type === 'error' && f.code === 'rate_limited');
    expect((await flood.waitClosed()).code).toBe(1008);

    const big = await visitorSocket(c.conversationId, c.token);
    big.send('x'.repeat(20_000));
    expect((await big.waitClosed()).code).toBe(1009);

    // the server is still fine
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
