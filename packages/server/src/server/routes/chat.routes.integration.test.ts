import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { databaseModes } from '../../../test/databases.ts';
import { createTestApp, type TestApp } from '../../../test/test-runtime.ts';

const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';

describe.each(databaseModes())('chat API on %s', (mode) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(mode, { config: { rateLimitPerConversationPerMinute: 8 } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(body: object = {}, slug = 'fjordvik') {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${slug}/conversations`,
      payload: body,
      headers: { 'user-agent': FIREFOX_ANDROID },
    });
    return res;
  }
  async function send(id: string, token: string, payload: object) {
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      payload,
      headers: { authorization: `Bearer ${token}` },
    });
  }

  it('starts a conversation with a greeting, the AI disclosure and the privacy notice', async () => {
    const res = await start({ language: 'nn' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(body.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(body.language).toBe('nn');
    expect(body.messages.map((m: { text: string }) => m.text).join('\n')).toMatch(
      /automatisk assistent.*Fjordvik kommune[\s\S]*21 dagar/,
    );
    const row = await t.runtime.store.db
      .selectFrom('conversation')
      .selectAll()
      .where('id', '=', body.conversationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      platform: 'mobile',
      browser: 'Firefox',
      browser_version: '128',
      channel: 'web',
      language: 'nn',
    });
    expect(row.token_hash).not.toContain(body.token);
  });

  it('answers messages sent at the same time to one conversation, each once (a lost race is retaken under the lock)', async () => {
    const { conversationId: id, token } = (await start()).json();
    const texts = ['søppel', 'barnehage', 'byggesak', 'valg', 'skatt', 'parkering'];
    const replies = await Promise.all(texts.map((text, i) => send(id, token, { text, clientMessageId: `c${i}` })));
    expect(replies.map((r) => r.statusCode)).toEqual(texts.map(() => 200));
    const stored = await t.runtime.store.db
      .selectFrom('message')
      .select(['role', 'client_message_id'])
      .where('conversation_id', '=', id)
      .where('role', '=', 'user')
      .execute();
    expect(stored.map((m) => m.client_message_id).sort()).toEqual(texts.map((_, i) => `c${i}`));
    const ids = replies.flatMap((r) => r.json().messages.map((m: { id: number }) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('falls back to the default language when the municipality does not offer the requested one', async () => {
    expect((await start({ language: 'sv' })).json().language).toBe('nb');
  });

  it('answers a message, masks personal data before storing it, and counts the intent', async () => {
    const { conversationId: id, token } = (await start()).json();
    const res = await send(id, token, { text: 'Når kommer søppelbilen? Ring meg på 912 34 567' });
    expect(res.statusCode).toBe(200);
    const reply = res.json();
    expect(reply.messages[0]).toMatchObject({ role: 'bot', intent: 'waste.collection_schedule' });
    // Fjordvik extends the shared answer with its own text, seeded from its YAML into the database.
    expect(reply.messages[0].text).toMatch(/Tømmekalender[\s\S]*annenhver uke/);
    const stored = await t.runtime.store.db
      .selectFrom('message')
      .select(['role', 'text', 'intent', 'outcome', 'anonymizer_version'])
      .where('conversation_id', '=', id)
      .where('role', '=', 'user')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text).not.toContain('912 34 567');
    expect(stored[0]).toMatchObject({ intent: 'waste.collection_schedule', outcome: 'answered' });
    expect(stored[0]!.anonymizer_version).toBeTruthy();
    const stats = await t.runtime.store.db
      .selectFrom('intent_stat')
      .selectAll()
      .where('intent', '=', 'waste.collection_schedule')
      .execute();
    expect(stats.reduce((n, s) => n + s.count, 0)).toBeGreaterThanOrEqual(1);
  });

  it('offers a person after two turns it did not understand', async () => {
    const { conversationId: id, token } = (await start()).json();
    const first = (await send(id, token, { text: 'asdfgh' })).json();
    expect(first.messages).toHaveLength(1);
    const second = (await send(id, token, { text: 'zzzx qqqy wwwv' })).json();
    expect(second.messages.at(-1).quickReplies).toEqual([expect.objectContaining({ payload: 'human' })]);
    const human = (await send(id, token, { text: 'Snakke med en person', quickReply: 'human' })).json();
    expect(human.messages[0].text).toContain('Fjordvik');
  });

  it('rejects bad input with clear 4xx errors', async () => {
    const { conversationId: id, token } = (await start()).json();
    const cases = [
      { payload: { text: 'x'.repeat(2001) }, status: 400, code: 'validation_failed' },
      { payload: { text: 'hei', extra: true }, status: 400, code: 'validation_failed' },
      { payload: { text: '' }, status: 400, code: 'validation_failed' },
    ];
    for (const c of cases) {
      const res = await send(id, token, c.payload);
      expect(res.statusCode).toBe(c.status);
      expect(res.json().error.code).toBe(c.code);
    }
    const notJson = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      payload: '{"text": ',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('invalid_json');
    const form = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      payload: 'text=hei',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    const tooBig = await send(id, token, { text: 'x'.repeat(20_000) });
    expect(tooBig.statusCode).toBe(413);
  });

  it('answers 404, not 403, for a conversation the token does not own, and 401 without a token', async () => {
    const a = (await start()).json();
    const b = (await start()).json();
    expect((await send(a.conversationId, b.token, { text: 'hei' })).statusCode).toBe(404);
    expect((await send('00000000-0000-4000-8000-000000000000', a.token, { text: 'hei' })).statusCode).toBe(404);
    const noToken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${a.conversationId}/messages`,
      payload: { text: 'hei' },
    });
    expect(noToken.statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          url: `/api/v1/conversations/${a.conversationId}/export`,
          headers: { authorization: `Bearer ${b.token}` },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('exports the stored conversation as JSON and text, then deletes it for good', async () => {
    const { conversationId: id, token } = (await start()).json();
    await send(id, token, { text: 'takk for hjelpen' });
    const auth = { authorization: `Bearer ${token}` };
    const json = await t.app.inject({ url: `/api/v1/conversations/${id}/export?format=json`, headers: auth });
    expect(json.statusCode).toBe(200);
    expect(json.json().messages.map((m: { role: string }) => m.role)).toEqual(['bot', 'bot', 'user', 'bot']);
    const txt = await t.app.inject({ url: `/api/v1/conversations/${id}/export?format=txt`, headers: auth });
    expect(txt.headers['content-type']).toContain('text/plain');
    expect(txt.body).toContain('takk for hjelpen');

    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/conversations/${id}`, headers: auth });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toMatchObject({ deleted: true, receipt: { conversationId: id, messagesDeleted: 4 } });
    for (const req of [
      { method: 'GET' as const, url: `/api/v1/conversations/${id}/export` },
      { method: 'POST' as const, url: `/api/v1/conversations/${id}/messages`, payload: { text: 'hei' } },
      { method: 'DELETE' as const, url: `/api/v1/conversations/${id}` },
    ]) {
      expect((await t.app.inject({ ...req, headers: auth })).statusCode).toBe(404);
    }
    const left = await sql<{ n: number }>`select count(*)::int as n from message where conversation_id = ${id}`.execute(
      t.runtime.store.db,
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('ends a conversation with feedback overall and per answer', async () => {
    const { conversationId: id, token } = (await start()).json();
    const reply = (await send(id, token, { text: 'når kommer søppelbilen' })).json();
    const auth = { authorization: `Bearer ${token}` };
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages/${reply.messages[0].id}/feedback`,
      payload: { helpful: true },
      headers: auth,
    });
    expect(rated.statusCode).toBe(200);
    const end = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/end`,
      payload: { helpful: false },
      headers: auth,
    });
    expect(end.json()).toEqual({ ended: true });
    const c = await t.runtime.store.db
      .selectFrom('conversation')
      .select(['helpful', 'ended_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(c.helpful).toBe(false);
    expect(c.ended_at).not.toBeNull();
    expect((await send(id, token, { text: 'hei igjen' })).statusCode).toBe(409);
  });

  it('rate-limits messages per conversation', async () => {
    const { conversationId: id, token } = (await start()).json();
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await send(id, token, { text: 'hei' })).statusCode);
    expect(codes.slice(0, 8).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });

  it("follows each municipality's allowed origins for CORS", async () => {
    const preflight = (url: string, origin: string) =>
      t.app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'POST' } });
    const own = await preflight(
      '/api/v1/municipalities/fjordvik/conversations',
      'https://www.fjordvik.kommune.example',
    );
    expect(own.headers['access-control-allow-origin']).toBe('https://www.fjordvik.kommune.example');
    const foreign = await preflight('/api/v1/municipalities/fjordvik/conversations', 'https://www.alvby.se.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const stranger = await preflight(
      '/api/v1/conversations/00000000-0000-4000-8000-000000000000/messages',
      'https://evil.example',
    );
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });
});
