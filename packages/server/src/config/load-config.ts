import { SETTINGS, type Config, type SettingSpec } from './config.schema.ts';
import { parseSecretKey } from '../privacy/secret-box.ts';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function parse(spec: SettingSpec, name: string, raw: string, problems: string[]): unknown {
  switch (spec.type) {
    case 'integer': {
      const n = Number(raw);
      if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
        problems.push(`${name} must be a whole number`);
        return undefined;
      }
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        problems.push(`${name} must be between ${spec.min} and ${spec.max}`);
        return undefined;
      }
      return n;
    }
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      problems.push(`${name} must be true or false`);
      return undefined;
    }
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'enum':
      if (!spec.values?.includes(raw)) {
        problems.push(`${name} must be one of ${spec.values?.join(', ')}`);
        return undefined;
      }
      return raw;
    case 'string':
      return raw;
  }
}

/**
 * Reads the configuration from an environment (process.env in production; a plain object in tests).
 * Fails fast with every problem listed at once. This module is the only one that is handed process.env.
 */
export function loadConfig(env: Record<string, string | undefined>, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [string, SettingSpec][]) {
    const name = [spec.env, ...(spec.aliases ?? [])].find((n) => env[n] !== undefined && env[n] !== '');
    config[key] = name === undefined ? spec.default : parse(spec, name, env[name] as string, problems);
  }
  const known = new Set<string>(Object.values(SETTINGS).map((s) => s.env));
  for (const name of Object.keys(env)) {
    if (name.startsWith('KOMMUNECHAT_') && !known.has(name)) problems.push(`${name} is not a known setting`);
  }
  Object.assign(config, overrides);
  const url = config.databaseUrl as string | undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  if ((config.retentionDefaultDays as number) > (config.retentionMaxDays as number)) {
    problems.push('KOMMUNECHAT_RETENTION_DEFAULT_DAYS must not exceed KOMMUNECHAT_RETENTION_MAX_DAYS');
  }
  const secretKey = config.secretKey as string | undefined;
  if (secretKey !== undefined && !parseSecretKey(secretKey))
    problems.push('KOMMUNECHAT_SECRET_KEY must be 32 bytes as base64 or hex (e.g. `openssl rand -base64 32`)');
  const publicUrl = config.publicUrl as string;
  if (publicUrl !== '' && !/^https?:\/\/[^/\s?#]+$/.test(publicUrl))
    problems.push('KOMMUNECHAT_PUBLIC_URL must be an http(s) origin without a path, e.g. https://chat.example.no');
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config;
}

/** The key that seals TOTP secrets, if configured (validated by `loadConfig`). */
export function secretKeyOf(config: Pick<Config, 'secretKey'>): Buffer | undefined {
  return config.secretKey === undefined ? undefined : parseSecretKey(config.secretKey);
}

/** The settings table for `--help` and the README. */
export function describeSettings(): string {
  const rows = (Object.values(SETTINGS) as SettingSpec[]).map((s) => {
    const names = [s.env, ...(s.aliases ?? [])].join(' / ');
    const def =
      s.default === undefined ? '(unset)' : Array.isArray(s.default) ? `"${s.default.join(',')}"` : String(s.default);
    return `  ${names}\n      ${s.description} Default: ${def}.`;
  });
  return rows.join('\n');
}

/** The platform's retention limits as the privacy code takes them. */
export function retentionLimits(config: Pick<Config, 'retentionDefaultDays' | 'retentionMaxDays'>): {
  defaultDays: number;
  maxDays: number;
} {
  return { defaultDays: config.retentionDefaultDays, maxDays: config.retentionMaxDays };
}
