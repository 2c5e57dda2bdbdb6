import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Finds PostgreSQL's server binaries (pg_config --bindir, else /usr/lib/postgresql/<newest>/bin). */
export function findPostgresBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is not installed
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** runuser lives in /usr/sbin, which is not on every PATH (e.g. a CI shell as root with a minimal PATH). */
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p)) ?? 'runuser';

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL: initdb into a temp dir and listen on 127.0.0.1 on a free port. initdb refuses to
 * run as root, so as root the server runs as the unprivileged `postgres` user.
 */
export async function startPostgres(binDir: string): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kommunechat-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    (asRoot ? [RUNUSER, ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    );
  const dataDir = join(dir, 'data');
  const [initCmd, initArgs] = run(join(binDir, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'kommunechat',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [pgCmd, pgArgs] = run(join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ]);
  const child: ChildProcess = spawn(pgCmd, pgArgs, { stdio: 'ignore' });
  const url = `postgres://kommunechat@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 20_000;
  const pgIsReady = join(binDir, 'pg_isready');
  for (;;) {
    try {
      execFileSync(pgIsReady, ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('PostgreSQL did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      // runuser does not forward signals to postgres, so stop the server itself with pg_ctl (fast: ends sessions).
      const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      const [ctlCmd, ctlArgs] = run(join(binDir, 'pg_ctl'), [
        'stop',
        '-D',
        dataDir,
        '-m',
        'immediate',
        '-w',
        '-t',
        '20',
      ]);
      try {
        execFileSync(ctlCmd, ctlArgs, { stdio: 'ignore' });
      } catch {
        child.kill('SIGKILL');
      }
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
