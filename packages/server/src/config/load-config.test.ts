import { describe, expect, it } from 'vitest';
import { ConfigError, describeSettings, loadConfig } from './load-config.ts';
import { SETTINGS } from './config.schema.ts';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./data');
    expect(config.retentionDefaultDays).toBe(21);
    expect(config.trustedProxies).toEqual([]);
  });

  it('reads typed values and accepts DATABASE_URL as an alias', () => {
    const config = loadConfig({
      KOMMUNECHAT_PORT: '9000',
      KOMMUNECHAT_JOBS_ENABLED: 'false',
      KOMMUNECHAT_TRUSTED_PROXIES: '10.0.0.1, 10.0.0.0/8',
      DATABASE_URL: 'postgres://u@h/db',
    });
    expect(config.port).toBe(9000);
    expect(config.jobsEnabled).toBe(false);
    expect(config.trustedProxies).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(config.databaseUrl).toBe('postgres://u@h/db');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        KOMMUNECHAT_PORT: 'eighty',
        KOMMUNECHAT_JOBS_ENABLED: 'maybe',
        KOMMUNECHAT_LOG_LEVEL: 'loud',
        KOMMUNECHAT_NOPE: '1',
        DATABASE_URL: 'mysql://x',
        KOMMUNECHAT_RETENTION_DEFAULT_DAYS: '100',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/KOMMUNECHAT_PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/KOMMUNECHAT_NOPE is not a known setting/);
    expect(problems.join('\n')).toMatch(/must not exceed KOMMUNECHAT_RETENTION_MAX_DAYS/);
  });

  it('rejects a secret key that is not 32 bytes, without quoting it', () => {
    expect(() => loadConfig({ KOMMUNECHAT_SECRET_KEY: 'hunter2' })).toThrow(/KOMMUNECHAT_SECRET_KEY must be 32 bytes/);
    expect(() => loadConfig({ KOMMUNECHAT_SECRET_KEY: 'hunter2' })).not.toThrow(/hunter2/);
    expect(loadConfig({ KOMMUNECHAT_SECRET_KEY: Buffer.alloc(32, 3).toString('base64') }).secretKey).toBeDefined();
  });

  it('takes a public URL only as an http(s) origin without a path', () => {
    expect(loadConfig({ KOMMUNECHAT_PUBLIC_URL: 'https://chat.example.no' }).publicUrl).toBe('https://chat.example.no');
    expect(loadConfig({}).publicUrl).toBe('');
    for (const bad of ['chat.example.no', 'https://chat.example.no/', 'https://chat.example.no/kommune', 'ftp://x.no'])
      expect(() => loadConfig({ KOMMUNECHAT_PUBLIC_URL: bad })).toThrow(
        /KOMMUNECHAT_PUBLIC_URL must be an http\(s\) origin/,
      );
  });

  it('rejects values outside their caps', () => {
    expect(() => loadConfig({ KOMMUNECHAT_RETENTION_MAX_DAYS: '0' })).toThrow(/between 1 and 3650/);
  });

  it('documents every setting with its default', () => {
    const help = describeSettings();
    for (const spec of Object.values(SETTINGS)) expect(help).toContain(spec.env);
    expect(help).toContain('Default: 21.');
  });
});
