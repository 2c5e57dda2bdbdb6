/**
 * Every setting of kommunechat: its environment variable, type, default, cap and meaning.
 * This table is the single source for validation, for `kommunechat --help` and for the README.
 */
export interface SettingSpec {
  env: string;
  /** Environment variables that are accepted instead of `env` (for conventions like DATABASE_URL). */
  aliases?: string[];
  type: 'string' | 'integer' | 'boolean' | 'list' | 'enum';
  default: string | number | boolean | string[] | undefined;
  min?: number;
  max?: number;
  values?: readonly string[];
  description: string;
}

export const ENV_PREFIX = 'KOMMUNECHAT_';

export const SETTINGS = {
  host: {
    env: 'KOMMUNECHAT_HOST',
    type: 'string',
    default: '127.0.0.1',
    description: 'Address the HTTP server listens on (0.0.0.0 for all interfaces).',
  },
  port: {
    env: 'KOMMUNECHAT_PORT',
    type: 'integer',
    default: 8080,
    min: 0,
    max: 65535,
    description: 'HTTP port (`serve --port` overrides it).',
  },
  databaseUrl: {
    env: 'KOMMUNECHAT_DATABASE_URL',
    aliases: ['DATABASE_URL'],
    type: 'string',
    default: undefined,
    description: 'postgres://… to use PostgreSQL; unset means embedded PGlite under the data directory.',
  },
  databasePoolSize: {
    env: 'KOMMUNECHAT_DATABASE_POOL_SIZE',
    type: 'integer',
    default: 10,
    min: 1,
    max: 100,
    description: 'PostgreSQL connection pool size per instance.',
  },
  dataDir: {
    env: 'KOMMUNECHAT_DATA_DIR',
    type: 'string',
    default: './data',
    description: 'Directory of the embedded PGlite database.',
  },
  contentDir: {
    env: 'KOMMUNECHAT_CONTENT_DIR',
    type: 'string',
    default: '',
    description: 'Directory of the answer base and municipalities (default: content/ of the repository).',
  },
  seedMunicipalities: {
    env: 'KOMMUNECHAT_SEED_MUNICIPALITIES',
    type: 'boolean',
    default: true,
    description: 'Create municipalities from content/municipalities/*.yaml at start when they do not exist yet.',
  },
  logLevel: {
    env: 'KOMMUNECHAT_LOG_LEVEL',
    type: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'silent'],
    default: 'info',
    description: 'Log level (logs never contain citizen text or IP addresses).',
  },
  trustedProxies: {
    env: 'KOMMUNECHAT_TRUSTED_PROXIES',
    type: 'list',
    default: [],
    description: 'Comma-separated proxy addresses/CIDRs whose X-Forwarded-For is trusted; empty trusts none.',
  },
  bodyLimitBytes: {
    env: 'KOMMUNECHAT_BODY_LIMIT_BYTES',
    type: 'integer',
    default: 16384,
    min: 1024,
    max: 1048576,
    description: 'Largest accepted request body.',
  },
  rateLimitPerIpPerMinute: {
    env: 'KOMMUNECHAT_RATE_LIMIT_PER_IP',
    type: 'integer',
    default: 600,
    min: 1,
    max: 100000,
    description: 'Requests per minute per client IP (kept in memory only).',
  },
  rateLimitPerConversationPerMinute: {
    env: 'KOMMUNECHAT_RATE_LIMIT_PER_CONVERSATION',
    type: 'integer',
    default: 30,
    min: 1,
    max: 10000,
    description: 'Messages per minute per conversation.',
  },
  retentionDefaultDays: {
    env: 'KOMMUNECHAT_RETENTION_DEFAULT_DAYS',
    type: 'integer',
    default: 21,
    min: 1,
    max: 3650,
    description: 'Days chat logs are kept when a municipality sets nothing.',
  },
  retentionMaxDays: {
    env: 'KOMMUNECHAT_RETENTION_MAX_DAYS',
    type: 'integer',
    default: 90,
    min: 1,
    max: 3650,
    description: "Platform-wide cap on any municipality's retention.",
  },
  jobsEnabled: {
    env: 'KOMMUNECHAT_JOBS_ENABLED',
    type: 'boolean',
    default: true,
    description: 'Run the scheduled jobs (anonymization sweep, retention) in this process.',
  },
  jobIntervalMinutes: {
    env: 'KOMMUNECHAT_JOB_INTERVAL_MINUTES',
    type: 'integer',
    default: 60,
    min: 1,
    max: 1440,
    description: 'Minutes between runs of each scheduled job.',
  },
  answerThresholdPercent: {
    env: 'KOMMUNECHAT_ANSWER_THRESHOLD_PERCENT',
    type: 'integer',
    default: 45,
    min: 1,
    max: 99,
    description: 'Answer the top intent when its calibrated score is at least this (percent).',
  },
  clarifyMarginPercent: {
    env: 'KOMMUNECHAT_CLARIFY_MARGIN_PERCENT',
    type: 'integer',
    default: 15,
    min: 0,
    max: 99,
    description: 'Ask "did you mean" when the top two intents are closer than this (percent).',
  },
  minimumScorePercent: {
    env: 'KOMMUNECHAT_MINIMUM_SCORE_PERCENT',
    type: 'integer',
    default: 20,
    min: 0,
    max: 99,
    description: 'Below this top score (percent) a message counts as not understood.',
  },
  failedTurnsBeforeHuman: {
    env: 'KOMMUNECHAT_FAILED_TURNS_BEFORE_HUMAN',
    type: 'integer',
    default: 2,
    min: 1,
    max: 10,
    description: 'Failed turns in a row after which the bot offers a person.',
  },
  shutdownTimeoutMs: {
    env: 'KOMMUNECHAT_SHUTDOWN_TIMEOUT_MS',
    type: 'integer',
    default: 10000,
    min: 100,
    max: 120000,
    description: 'How long graceful shutdown waits for in-flight requests.',
  },
  adminSessionIdleMinutes: {
    env: 'KOMMUNECHAT_ADMIN_SESSION_IDLE_MINUTES',
    type: 'integer',
    default: 30,
    min: 5,
    max: 720,
    description: 'An admin session ends after this many minutes without a request.',
  },
  adminSessionAbsoluteHours: {
    env: 'KOMMUNECHAT_ADMIN_SESSION_ABSOLUTE_HOURS',
    type: 'integer',
    default: 10,
    min: 1,
    max: 72,
    description: 'An admin session ends this many hours after login, active or not.',
  },
  adminCookieSecure: {
    env: 'KOMMUNECHAT_ADMIN_COOKIE_SECURE',
    type: 'boolean',
    default: true,
    description: 'Mark the admin session cookie Secure (HTTPS only); turn off only for plain-HTTP development.',
  },
  adminLoginMaxFailures: {
    env: 'KOMMUNECHAT_ADMIN_LOGIN_MAX_FAILURES',
    type: 'integer',
    default: 5,
    min: 1,
    max: 50,
    description: 'Failed logins in a row after which an admin account is locked.',
  },
  adminLockoutMinutes: {
    env: 'KOMMUNECHAT_ADMIN_LOCKOUT_MINUTES',
    type: 'integer',
    default: 15,
    min: 1,
    max: 1440,
    description: 'How long a locked admin account stays locked.',
  },
  adminLoginRateLimitPerMinute: {
    env: 'KOMMUNECHAT_ADMIN_LOGIN_RATE_LIMIT',
    type: 'integer',
    default: 10,
    min: 1,
    max: 1000,
    description: 'Login attempts per minute per client IP (kept in memory only).',
  },
  secretKey: {
    env: 'KOMMUNECHAT_SECRET_KEY',
    type: 'string',
    default: undefined,
    description:
      'Key that encrypts staff TOTP secrets and single sign-on client secrets at rest (AES-256-GCM): 32 random bytes as base64 or hex, e.g. `openssl rand -base64 32`. Required once anyone enables TOTP or sets a client secret; keep it out of the database backups.',
  },
  publicUrl: {
    env: 'KOMMUNECHAT_PUBLIC_URL',
    type: 'string',
    default: '',
    description:
      'The address staff reach the server at (e.g. https://chat.example.no), for the single sign-on redirect URI; empty: taken from each request.',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

type ValueOf<S extends SettingSpec> = S['type'] extends 'integer'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : S['type'] extends 'list'
      ? string[]
      : S['default'] extends undefined
        ? string | undefined
        : string;

export type Config = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };
