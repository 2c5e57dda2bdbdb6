import { HANDOVER_PAYLOAD } from '@kommunechat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseModes, type TestDatabase } from '../../../test/databases.ts';
import { createStaff, login } from '../../../test/staff-fixtures.ts';
import { sharedUnderstanding, type TestApp } from '../../../test/test-runtime.ts';
import { fixedClock } from '../../clock.ts';
import { loadConfig } from '../../config/load-config.ts';
import { contentDirOf, createRuntime } from '../../runtime.ts';
import { buildApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { LiveClient } from './handover.client.ts';

const OPEN = new Date('2026-01-05T09:00:00Z');

/** One more server instance on an existing database, listening on 127.0.0.1. */
async function instance(database: TestDatabase): Promise<TestApp & { base: string }> {
  const config = loadConfig(
    {},
    { dataDir: database.dataDir, databaseUrl: database.databaseUrl, jobsEnabled: false, adminCookieSecure: false },
  );
  const logs: string[] = [];
  const runtime = await createRuntime(config, createLogger('info', { write: (l: string) => void logs.push(l) }), {
    understanding: await sharedUnderstanding(contentDirOf(config)),
    clock: fixedClock(OPEN),
  });
  const app = await buildApp(runtime);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    runtime,
    app,
    logs,
    base,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

// Two instances need a database server: PostgreSQL only (PGlite lives inside one process).
describe.each(databaseModes().filter((m) => m === 'postgres'))('two server instances on one %s', () => {
  let database: TestDatabase;
  let a: Awaited<ReturnType<typeof instance>>;
  let b: Awaited<ReturnType<typeof instance>>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = await instance(database);
    b = await instance(database);
    await createStaff(a, 'agent@fjordvik.example', { fjordvik: ['agent'] });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it('a visitor on instance A and an agent on instance B talk to each other (LISTEN/NOTIFY, no sticky sessions)', async () => {
    const { cookie } = await login(b, 'agent@fjordvik.example');
    const agent = await LiveClient.open(`${b.base.replace('http', 'ws')}/api/v1/admin/agent/live`, {
      origin: b.base,
      cookie,
    });
    await agent.waitFor((f) => f.type === 'hello');

    // presence written by B makes A offer a live chat
    const started = await (
      await fetch(`${a.base}/api/v1/municipalities/fjordvik/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json();
    const post = (text: string, quickReply?: string) =>
      fetch(`${a.base}/api/v1/conversations/${started.conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
        body: JSON.stringify({ text, ...(quickReply ? { quickReply } : {}) }),
      }).then((r) => r.json());
    const offer = await post('Snakke med en person', 'human');
    expect(offer.messages.at(-1).quickReplies[0].payload).toBe(HANDOVER_PAYLOAD.request);
    await post('Chat med en person', HANDOVER_PAYLOAD.request);
    await agent.waitFor(
      (f) =>
        f.type === 'queue' &&
        (f.items as { conversationId: string }[]).some((i) => i.conversationId === started.conversationId),
    );

    const visitor = await LiveClient.open(
      `${a.base.replace('http', 'ws')}/api/v1/conversations/${started.conversationId}/live`,
      {
        origin: 'https://www.fjordvik.kommune.example',
        token: started.token,
      },
    );
    await visitor.waitFor((f) => f.type === 'ready');
    agent.send({ type: 'take', conversationId: started.conversationId });
    await visitor.waitFor((f) => f.type === 'joined');

    visitor.send({ type: 'message', clientMessageId: 'm1', text: 'Hei fra instans A' });
    await visitor.waitFor((f) => f.type === 'ack');
    const got = await agent.waitFor((f) => f.type === 'message' && (f.message as { role: string }).role === 'user');
    expect((got.message as { text: string }).text).toBe('Hei fra instans A');

    agent.send({
      type: 'message',
      conversationId: started.conversationId,
      clientMessageId: 'r1',
      text: 'Hei fra instans B',
    });
    const reply = await visitor.waitFor(
      (f) => f.type === 'message' && (f.message as { role: string }).role === 'agent',
    );
    expect((reply.message as { text: string }).text).toBe('Hei fra instans B');

    agent.send({ type: 'close', conversationId: started.conversationId });
    await visitor.waitFor((f) => f.type === 'state' && f.state === 'closed');
    visitor.close();
    agent.close();
  });
});
