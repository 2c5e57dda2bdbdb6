// Live handover under load: 500 visitor WebSockets and 20 agents on one server (embedded PGlite, the default
// deployment), each visitor in a live chat with an agent. Visitors send messages, agents answer each one; we
// report the delivery latency (send -> the other side receives the committed message) and the messages lost.
// Each citizen writes every 1-3 s (brisker than people type), each agent answers at once.
// Server and clients share this process, so the latencies include the clients' own work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HANDOVER_PAYLOAD } from '@kommunechat/protocol';
import { fixedClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config/load-config.ts';
import { buildUnderstanding, contentDirOf, createRuntime } from '../packages/server/src/runtime.ts';
import { buildApp } from '../packages/server/src/server/app.ts';
import { createLogger } from '../packages/server/src/server/logger.ts';
import { LiveClient, type AnyFrame } from '../packages/server/src/server/routes/handover.client.ts';
import { hashPassword } from '../packages/server/src/server/plugins/staff-credentials.ts';
import { findMunicipalityBySlug } from '../packages/server/src/store/municipality.repository.ts';
import { createStaffUser, setRolesInMunicipality } from '../packages/server/src/store/staff.repository.ts';

const VISITORS = Number(process.env.BENCH_HANDOVER_VISITORS ?? 500);
const AGENTS = 20;
const MESSAGES_PER_VISITOR = 4;
const ORIGIN = 'https://www.fjordvik.kommune.example';
// Monday 10:00 in Oslo: the service is open, whatever the time the bench runs
const OPEN = new Date('2026-01-05T09:00:00Z');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function inBatches<T, R>(items: readonly T[], size: number, f: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((x, j) => f(x, i + j)))));
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runHandoverBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kommunechat-handover-bench-'));
  const config = loadConfig(
    {},
    {
      dataDir,
      jobsEnabled: false,
      adminCookieSecure: false,
      rateLimitPerIpPerMinute: 100_000,
      adminLoginRateLimitPerMinute: 1000,
    },
  );
  const runtime = await createRuntime(config, createLogger('warn', { write: () => {} }), {
    understanding: await buildUnderstanding(contentDirOf(config)),
    clock: fixedClock(OPEN),
  });
  const app = await buildApp(runtime);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const ws = base.replace('http', 'ws');
  const sockets: LiveClient[] = [];
  try {
    const db = runtime.store.db;
    const fjordvik = await findMunicipalityBySlug(db, 'fjordvik');
    if (!fjordvik) throw new Error('the fjordvik demo municipality is missing');
    const passwordHash = await hashPassword('bench password, not secret');
    const agents: LiveClient[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const email = `agent${i}@fjordvik.example`;
      const user = await createStaffUser(db, {
        email,
        name: `agent${i}`,
        passwordHash,
        platformAdmin: false,
        now: OPEN,
      });
      await setRolesInMunicipality(db, user.id, fjordvik.id, ['agent']);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/auth/login',
        payload: { email, password: 'bench password, not secret' },
      });
      const set = res.cookies[0]!;
      const agent = await LiveClient.open(`${ws}/api/v1/admin/agent/live`, {
        origin: base,
        cookie: `${set.name}=${set.value}`,
      });
      await agent.waitFor((f) => f.type === 'hello');
      agents.push(agent);
      sockets.push(agent);
    }

    // 500 citizens ask for a person and open their sockets
    const conversations = await inBatches(Array.from({ length: VISITORS }), 25, async () => {
      const started = (await (
        await fetch(`${base}/api/v1/municipalities/fjordvik/conversations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as {
        conversationId: string;
        token: string;
      };
      await fetch(`${base}/api/v1/conversations/${started.conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
        body: JSON.stringify({ text: 'Chat med en person', quickReply: HANDOVER_PAYLOAD.request }),
      });
      return started;
    });
    const visitors = await inBatches(conversations, 50, async (c) => {
      const v = await LiveClient.open(`${ws}/api/v1/conversations/${c.conversationId}/live`, {
        origin: ORIGIN,
        token: c.token,
      });
      sockets.push(v);
      await v.waitFor((f) => f.type === 'ready');
      return v;
    });

    // each agent takes its share (agents take one at a time, as people do)
    const owner = new Map<string, LiveClient>();
    await Promise.all(
      agents.map(async (agent, a) => {
        for (let i = a; i < conversations.length; i += AGENTS) {
          const id = conversations[i]!.conversationId;
          const from = agent.frames.length;
          agent.send({ type: 'take', conversationId: id });
          await agent.waitFor(
            (f) =>
              (f.type === 'ack' && f.action === 'take' && f.conversationId === id) ||
              (f.type === 'error' && f.conversationId === id),
            { from, ms: 30_000 },
          );
          owner.set(id, agent);
        }
      }),
    );
    await Promise.all(visitors.map((v) => v.waitFor((f) => f.type === 'joined', { ms: 30_000 })));

    // agents answer every citizen message they receive; both directions are timed by a tag in the text
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const received = new Set<string>();
    const tagOf = (f: AnyFrame): string | undefined =>
      /\bt([a-z0-9]+)x\b/.exec((f.message as { text?: string } | undefined)?.text ?? '')?.[1];
    const onArrival = (tag: string) => {
      const t0 = sentAt.get(tag);
      if (t0 === undefined || received.has(tag)) return;
      received.add(tag);
      latencies.push(performance.now() - t0);
    };
    for (const agent of agents) {
      agent.socket.addEventListener('message', (e) => {
        const f = JSON.parse(String(e.data)) as AnyFrame;
        if (f.type !== 'message' || (f.message as { role: string }).role !== 'user') return;
        const tag = tagOf(f);
        if (!tag) return;
        onArrival(tag);
        const reply = `r${tag}`;
        sentAt.set(reply, performance.now());
        agent.send({
          type: 'message',
          conversationId: f.conversationId,
          clientMessageId: reply,
          text: `svar t${reply}x`,
        });
      });
    }
    visitors.forEach((v) =>
      v.socket.addEventListener('message', (e) => {
        const f = JSON.parse(String(e.data)) as AnyFrame;
        if (f.type === 'message' && (f.message as { role: string }).role === 'agent') {
          const tag = tagOf(f);
          if (tag) onArrival(tag);
        }
      }),
    );

    const errors: Record<string, number> = {};
    for (const s of sockets) {
      s.socket.addEventListener('message', (e) => {
        const f = JSON.parse(String(e.data)) as AnyFrame;
        if (f.type === 'error') errors[String(f.code)] = (errors[String(f.code)] ?? 0) + 1;
      });
    }
    const started = performance.now();
    await Promise.all(
      visitors.map(async (v, i) => {
        for (let n = 0; n < MESSAGES_PER_VISITOR; n++) {
          await sleep(1000 + ((i * 37 + n * 101) % 2000));
          const tag = `v${i.toString(36)}n${n}`;
          sentAt.set(tag, performance.now());
          v.send({ type: 'message', clientMessageId: tag, text: `melding t${tag}x` });
        }
      }),
    );
    // wait until every message and every answer arrived, or 20 s of silence
    const expected = VISITORS * MESSAGES_PER_VISITOR * 2;
    const deadline = performance.now() + 20_000;
    while (received.size < expected && performance.now() < deadline) await sleep(50);
    const elapsedS = (performance.now() - started) / 1000;
    latencies.sort((x, y) => x - y);
    const result = {
      visitors: VISITORS,
      agents: AGENTS,
      messages: expected,
      delivered: received.size,
      lost: expected - received.size,
      latencyMs: {
        p50: Math.round(percentile(latencies, 50) * 10) / 10,
        p99: Math.round(percentile(latencies, 99) * 10) / 10,
        max: Math.round((latencies.at(-1) ?? 0) * 10) / 10,
      },
      messagesPerSecond: Math.round(received.size / elapsedS),
      errorFrames: errors,
      database: 'pglite',
    };
    console.log(
      `\n$ npm run bench -- handover   # bench/handover.bench.ts: ${VISITORS} visitor WebSockets, ${AGENTS} agents, ${MESSAGES_PER_VISITOR} messages each way per visitor`,
    );
    console.log(
      `delivery latency p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms; lost ${result.lost} of ${expected} (must be 0)`,
    );
    console.log(JSON.stringify({ handover: result }));
    if (result.lost > 0) process.exitCode = 1;
  } finally {
    for (const s of sockets) s.close();
    await app.close();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runHandoverBench();
