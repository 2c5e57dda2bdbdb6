import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/kommunechat.js', import.meta.url));

interface Server {
  child: ChildProcess;
  url: string;
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts `kommunechat serve` as a real child process on a free port and waits until it listens. */
async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: {
      PATH: process.env.PATH,
      KOMMUNECHAT_DATA_DIR: dataDir,
      KOMMUNECHAT_JOBS_ENABLED: 'false',
      KOMMUNECHAT_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${lines.join('\n')}`)), 60_000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const event = JSON.parse(line) as { event?: string; port?: number };
        if (event.event === 'listening') {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${event.port}`);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${lines.join('\n')}`)));
  });
  return { child, url, lines, exited };
}

// Each start trains the NLU on the answer base (seconds, more on a busy machine): generous timeouts.
describe('the server process', { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kommunechat-serve-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps an acknowledged write after kill -9 and a restart (embedded PGlite)', async () => {
    const first = await startServer(dataDir);
    const started = await fetch(`${first.url}/api/v1/municipalities/fjordvik/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(started.status).toBe(201);
    const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
    const sent = await fetch(`${first.url}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'når kommer søppelbilen' }),
    });
    expect(sent.status).toBe(200);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startServer(dataDir);
    try {
      const exported = await fetch(`${second.url}/api/v1/conversations/${conversationId}/export`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(exported.status).toBe(200);
      const body = (await exported.json()) as { messages: { role: string; text: string }[] };
      expect(body.messages.some((m) => m.role === 'user' && m.text.includes('søppelbilen'))).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('shuts down gracefully on SIGTERM: finishes the request in flight, closes the database, exits 0', async () => {
    const server = await startServer(dataDir);
    // A request whose body is still arriving when SIGTERM comes: it must be finished, not dropped.
    const req = request(`${server.url}/api/v1/municipalities/fjordvik/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '2' },
    });
    const status = new Promise<number | undefined>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
    });
    req.write('{');
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    req.end('}');
    expect(await status).toBe(201);
    expect(await server.exited).toBe(0);
    const events = server.lines
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { event?: string }).event);
    expect(events).toEqual(expect.arrayContaining(['shutdown', 'stopped']));
    expect(server.lines.join('\n')).toContain('"embedded_database"');
  });
});
