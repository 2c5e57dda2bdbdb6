import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from './config/config.schema.ts';

const BIN = fileURLToPath(new URL('../bin/kommunechat.js', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 60_000 });

describe('the kommunechat CLI', () => {
  it('documents every command and every setting with its default in --help', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const command of ['serve', 'nlu-eval', 'anonymize', 'jobs run', 'stats', 'content check'])
      expect(help.stdout).toContain(command);
    for (const spec of Object.values(SETTINGS)) expect(help.stdout).toContain(spec.env);
    expect(help.stdout).toContain('Default: 21');
  });

  it('rejects unknown commands and bad arguments with exit code 2 and a clear message', () => {
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badJob = run('jobs', 'run', 'everything');
    expect(badJob.status).toBe(2);
    expect(badJob.stderr).toContain('usage: kommunechat jobs run anonymize|retention');
    const badConfig = spawnSync(process.execPath, [BIN, 'serve'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, KOMMUNECHAT_PORT: 'eighty', KOMMUNECHAT_RETENTION_DEFAULT_DAYS: '0' },
    });
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr).toContain('KOMMUNECHAT_PORT');
    expect(badConfig.stderr).toContain('KOMMUNECHAT_RETENTION_DEFAULT_DAYS');
  });

  it('checks the shipped content', () => {
    const check = run('content', 'check');
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/content check passed: 149 intents/);
  });
});
