// HTTP load: the full chat path (start conversations, then messages) on PGlite and on PostgreSQL, beside a bare
// Fastify hello-world route measured in the same run; then bad input under load. Servers run as child processes
// (`kommunechat serve`), autocannon drives them from this process over 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { findPostgresBinDir, startPostgres } from '../packages/server/test/postgres-server.ts';

const BIN = fileURLToPath(new URL('../packages/server/bin/kommunechat.js', import.meta.url));
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
// Enough concurrency to saturate the 2-core machine without queueing for the pool (pool size = connections).
const CONNECTIONS = 16;
const CONVERSATIONS = 200;
const MESSAGES = [
  'når kommer søppelbilen',
  'hvordan søker jeg barnehageplass',
  'trenger jeg å søke om å bygge garasje',
  'hvor kan jeg forhåndsstemme',
  'hva er åpningstidene til servicetorget',
  'jeg har ikke fått tømt dunken min denne uka',
];

interface Child {
  proc: ChildProcess;
  url: string;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

async function startChild(args: string[], env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      for (const line of buf.split('\n')) {
        const m = /"event":"listening".*"port":(\d+)/.exec(line);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      }
      buf = buf.slice(buf.lastIndexOf('\n') + 1);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { proc, url };
}

async function stop(child: Child): Promise<void> {
  const exited = new Promise((r) => child.proc.on('exit', r));
  child.proc.kill('SIGTERM');
  await exited;
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function chatLoad(url: string) {
  const conversations: { conversationId: string; token: string }[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const res = await fetch(`${url}/api/v1/municipalities/fjordvik/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    conversations.push((await res.json()) as { conversationId: string; token: string });
  }
  let n = 0;
  const result = await run({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const c = conversations[n % conversations.length]!;
          const text = MESSAGES[n % MESSAGES.length];
          n++;
          return {
            ...req,
            path: `/api/v1/conversations/${c.conversationId}/messages`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
            body: JSON.stringify({ text }),
          };
        },
      },
    ],
  });
  return result;
}

function summary(r: autocannon.Result) {
  return {
    perSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

const HELLO = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ event: 'listening', port: app.server.address().port }));
`;

export async function runHttpLoadBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kommunechat-bench-'));
  const env = {
    KOMMUNECHAT_JOBS_ENABLED: 'false',
    KOMMUNECHAT_LOG_LEVEL: 'warn',
    KOMMUNECHAT_RATE_LIMIT_PER_IP: '100000',
    KOMMUNECHAT_RATE_LIMIT_PER_CONVERSATION: '10000',
  };
  const rows: Record<string, ReturnType<typeof summary>> = {};
  const hello = await startChild(['--input-type=module', '-e', HELLO], {});
  rows['bare Fastify hello-world'] = summary(
    await run({ url: `${hello.url}/hello`, connections: CONNECTIONS, duration: DURATION_S }),
  );
  await stop(hello);

  const pglite = await startChild([BIN, 'serve', '--port', '0'], {
    ...env,
    KOMMUNECHAT_DATA_DIR: dataDir,
    KOMMUNECHAT_LOG_LEVEL: 'info',
  });
  rows['chat messages, PGlite'] = summary(await chatLoad(pglite.url));
  await stop(pglite);

  const binDir = findPostgresBinDir();
  let badInput: Record<string, unknown> | undefined;
  if (binDir) {
    const pg = await startPostgres(binDir);
    try {
      const server = await startChild([BIN, 'serve', '--port', '0'], {
        ...env,
        DATABASE_URL: pg.url,
        KOMMUNECHAT_DATABASE_POOL_SIZE: String(CONNECTIONS),
        KOMMUNECHAT_LOG_LEVEL: 'info',
      });
      rows['chat messages, PostgreSQL'] = summary(await chatLoad(server.url));
      badInput = await badInputLoad(server);
      await stop(server);
    } finally {
      await pg.stop();
    }
  }
  rmSync(dataDir, { recursive: true, force: true });

  console.log(
    `\n## HTTP load (npm run bench; ${DURATION_S} s per run, ${CONNECTIONS} connections, ${CONVERSATIONS} conversations, 127.0.0.1)`,
  );
  console.table(rows);
  const helloRate = rows['bare Fastify hello-world']!.perSecond;
  for (const [name, r] of Object.entries(rows)) {
    if (name.startsWith('chat'))
      console.log(
        `${name}: ${r.perSecond} msg/s, p50 ${r.p50} ms, p99 ${r.p99} ms = ${(r.perSecond / helloRate).toFixed(3)} x bare Fastify`,
      );
  }
  const pgRow = rows['chat messages, PostgreSQL'];
  if (pgRow)
    console.log(
      `floor (PostgreSQL >= 1000 msg/s, p99 <= 100 ms): ${pgRow.perSecond >= 1000 && pgRow.p99 <= 100 ? 'met' : 'NOT met'}`,
    );
  else console.log('PostgreSQL is not installed: its run was not made.');
  if (badInput) {
    console.log('\n## Bad input under load (PostgreSQL server)');
    console.table(badInput);
  }
}

/** Oversized bodies, invalid JSON and a flood from one IP: clear 4xx answers, the server stays up, memory flat. */
async function badInputLoad(server: Child): Promise<Record<string, unknown>> {
  const before = rssKb(server.proc.pid!);
  const { conversationId, token } = (await (
    await fetch(`${server.url}/api/v1/municipalities/fjordvik/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
  ).json()) as { conversationId: string; token: string };
  const path = `/api/v1/conversations/${conversationId}/messages`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const out: Record<string, unknown> = {};
  for (const [name, body] of [
    ['oversized body (64 KB)', JSON.stringify({ text: 'x'.repeat(64 * 1024) })],
    ['invalid JSON', '{"text": "unterminated'],
    ['unknown fields', JSON.stringify({ text: 'hei', admin: true })],
  ] as const) {
    const r = await run({
      url: server.url,
      connections: 20,
      duration: 3,
      requests: [{ method: 'POST', path, headers, body }],
    });
    out[name] = { requests: r.requests.total, '2xx': r['2xx'], '4xx': r['4xx'], '5xx': r['5xx'], errors: r.errors };
  }
  const alive = await fetch(`${server.url}/healthz`);
  out['still up afterwards'] = alive.status === 200;
  out['RSS before / after (MB)'] = `${Math.round(before / 1024)} / ${Math.round(rssKb(server.proc.pid!) / 1024)}`;
  return out;
}
