import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-runtime.ts';

const IP = '192.0.2.201';
const SECRET_TEXT = 'Kari Nordmann 01019012345 kari@example.no';

describe('log lines of real requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { config: { trustedProxies: ['127.0.0.1'] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('never contain request bodies, query strings, personal headers, tokens or client addresses', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/fjordvik/conversations?name=Kari+Nordmann',
      payload: {},
      remoteAddress: IP,
      headers: {
        'user-agent': 'Mozilla/5.0 KariNordmannBrowser',
        referer: 'https://www.fjordvik.kommune.example/?q=Kari+Nordmann',
        cookie: 'sid=Kari',
      },
    });
    const { conversationId, token } = started.json();
    const auth = { authorization: `Bearer ${token}` };
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { text: SECRET_TEXT },
      headers: auth,
      remoteAddress: IP,
    });
    // Error paths: invalid JSON, a validation failure quoting nothing, an unknown route carrying text in its path.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: `{"text": "${SECRET_TEXT}"`,
      headers: { ...auth, 'content-type': 'application/json' },
      remoteAddress: IP,
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { text: SECRET_TEXT, extra: SECRET_TEXT },
      headers: auth,
      remoteAddress: IP,
    });
    await t.app.inject({
      url: `/api/v1/${encodeURIComponent(SECRET_TEXT)}`,
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': IP },
    });
    await t.app.inject({ url: `/api/v1/conversations/${conversationId}/export`, headers: auth, remoteAddress: IP });

    const logs = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(5);
    expect(logs).toContain('"event":"request"');
    for (const needle of [
      IP,
      'Kari',
      'Nordmann',
      '01019012345',
      'kari@example.no',
      token,
      'KariNordmannBrowser',
      'sid=',
      'Bearer',
      'name=',
    ]) {
      expect(logs, needle).not.toContain(needle);
    }
  });
});
