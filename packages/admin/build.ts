import { cpSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  outfile: 'dist/admin.js',
  legalComments: 'none',
  logLevel: 'warning',
});
cpSync('public', 'dist', { recursive: true });
