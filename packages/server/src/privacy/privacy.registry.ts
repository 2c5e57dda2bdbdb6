/**
 * Every database column that can hold text or JSON, with what kind of data it holds and how long it is kept.
 * A test introspects the schema and fails on any text or JSON column missing here, and docs/privacy.md is
 * checked against this list: nothing that can carry personal data is stored without being declared.
 */
export type DataCategory =
  | 'citizen-text-masked' // what citizens and agents wrote, masked before storage
  | 'generated-text' // text the assistant produced from the answer base
  | 'pseudonymous-key' // a hash that recognises a secret without revealing it
  | 'device-summary' // platform and browser family + major version
  | 'municipality-config' // a municipality's public settings and own answers
  | 'classification' // intent ids, languages, channels, outcomes, dialogue state (no text)
  | 'operational' // job bookkeeping
  | 'staff-account' // municipality staff: e-mail, name, roles (personal data of staff, not of citizens)
  | 'credential' // password hashes, second-factor secrets, hashes of session and invitation tokens
  | 'audit-trail'; // who did what to which chat log, never message content

export interface RegisteredColumn {
  table: string;
  column: string;
  category: DataCategory;
  /** can this column hold personal data about a citizen? */
  personal: boolean;
  retention: string;
}

const CHAT_LOG = 'retention of the municipality (default 21 days after last activity), or until the citizen deletes it';

export const PRIVACY_REGISTRY: readonly RegisteredColumn[] = [
  { table: 'message', column: 'text', category: 'citizen-text-masked', personal: true, retention: CHAT_LOG },
  { table: 'message', column: 'role', category: 'classification', personal: false, retention: CHAT_LOG },
  { table: 'message', column: 'intent', category: 'classification', personal: false, retention: CHAT_LOG },
  { table: 'message', column: 'outcome', category: 'classification', personal: false, retention: CHAT_LOG },
  { table: 'message', column: 'client_message_id', category: 'operational', personal: false, retention: CHAT_LOG },
  { table: 'message', column: 'anonymizer_version', category: 'operational', personal: false, retention: CHAT_LOG },
  { table: 'conversation', column: 'token_hash', category: 'pseudonymous-key', personal: true, retention: CHAT_LOG },
  { table: 'conversation', column: 'channel', category: 'classification', personal: false, retention: CHAT_LOG },
  { table: 'conversation', column: 'language', category: 'classification', personal: false, retention: CHAT_LOG },
  { table: 'conversation', column: 'platform', category: 'device-summary', personal: true, retention: CHAT_LOG },
  { table: 'conversation', column: 'browser', category: 'device-summary', personal: true, retention: CHAT_LOG },
  { table: 'conversation', column: 'browser_version', category: 'device-summary', personal: true, retention: CHAT_LOG },
  { table: 'conversation', column: 'dialogue_state', category: 'classification', personal: false, retention: CHAT_LOG },
  {
    table: 'intent_stat',
    column: 'intent',
    category: 'classification',
    personal: false,
    retention: 'kept (anonymous aggregate per hour)',
  },
  {
    table: 'intent_stat',
    column: 'language',
    category: 'classification',
    personal: false,
    retention: 'kept (anonymous aggregate per hour)',
  },
  {
    table: 'intent_stat',
    column: 'channel',
    category: 'classification',
    personal: false,
    retention: 'kept (anonymous aggregate per hour)',
  },
  {
    table: 'intent_stat',
    column: 'outcome',
    category: 'classification',
    personal: false,
    retention: 'kept (anonymous aggregate per hour)',
  },
  {
    table: 'answer_override',
    column: 'intent',
    category: 'municipality-config',
    personal: false,
    retention: 'until changed by the municipality',
  },
  {
    table: 'answer_override',
    column: 'language',
    category: 'municipality-config',
    personal: false,
    retention: 'until changed by the municipality',
  },
  {
    table: 'answer_override',
    column: 'mode',
    category: 'municipality-config',
    personal: false,
    retention: 'until changed by the municipality',
  },
  {
    table: 'answer_override',
    column: 'text',
    category: 'municipality-config',
    personal: false,
    retention: 'until changed by the municipality',
  },
  ...[
    'slug',
    'name',
    'country',
    'languages',
    'default_language',
    'website',
    'contact',
    'allowed_origins',
    'theme',
    'pages',
    'privacy_statement_url',
  ].map((column): RegisteredColumn => ({
    table: 'municipality',
    column,
    category: 'municipality-config',
    personal: false,
    retention: 'while the municipality uses the service',
  })),
  {
    table: 'job_state',
    column: 'name',
    category: 'operational',
    personal: false,
    retention: 'overwritten at each run',
  },
  {
    table: 'job_state',
    column: 'last_result',
    category: 'operational',
    personal: false,
    retention: 'overwritten at each run (counts only)',
  },
  {
    table: 'municipality',
    column: 'legal_basis',
    category: 'municipality-config',
    personal: false,
    retention: 'while the municipality uses the service',
  },
  {
    table: 'staff_user',
    column: 'email',
    category: 'staff-account',
    personal: true,
    retention: 'while the staff account exists',
  },
  {
    table: 'staff_user',
    column: 'name',
    category: 'staff-account',
    personal: true,
    retention: 'while the staff account exists',
  },
  {
    table: 'staff_user',
    column: 'password_hash',
    category: 'credential',
    personal: false,
    retention: 'while the staff account exists',
  },
  {
    table: 'staff_user',
    column: 'totp_secret',
    category: 'credential',
    personal: false,
    retention: 'while the staff account exists',
  },
  {
    table: 'staff_user',
    column: 'sso_issuer',
    category: 'staff-account',
    personal: false,
    retention: 'while the staff account exists',
  },
  {
    table: 'staff_user',
    column: 'sso_subject',
    category: 'staff-account',
    personal: true,
    retention: 'while the staff account exists',
  },
  {
    table: 'municipality_sso',
    column: 'issuer',
    category: 'municipality-config',
    personal: false,
    retention: 'while the municipality uses the service',
  },
  {
    table: 'municipality_sso',
    column: 'client_id',
    category: 'municipality-config',
    personal: false,
    retention: 'while the municipality uses the service',
  },
  {
    table: 'municipality_sso',
    column: 'client_secret',
    category: 'credential',
    personal: false,
    retention: 'while the municipality uses the service',
  },
  {
    table: 'staff_sso_attempt',
    column: 'state_hash',
    category: 'credential',
    personal: false,
    retention: 'until the sign-in completes or 10 minutes pass',
  },
  {
    table: 'staff_sso_attempt',
    column: 'code_verifier',
    category: 'credential',
    personal: false,
    retention: 'until the sign-in completes or 10 minutes pass',
  },
  {
    table: 'staff_sso_attempt',
    column: 'nonce',
    category: 'credential',
    personal: false,
    retention: 'until the sign-in completes or 10 minutes pass',
  },
  {
    table: 'staff_role',
    column: 'role',
    category: 'staff-account',
    personal: false,
    retention: 'until the role is withdrawn',
  },
  {
    table: 'staff_session',
    column: 'id_hash',
    category: 'credential',
    personal: false,
    retention: 'until logout or the session times out',
  },
  {
    table: 'staff_invite',
    column: 'token_hash',
    category: 'credential',
    personal: false,
    retention: 'until accepted or expired',
  },
  {
    table: 'audit_event',
    column: 'actor_email',
    category: 'audit-trail',
    personal: true,
    retention: 'kept (append-only)',
  },
  {
    table: 'audit_event',
    column: 'actor_role',
    category: 'audit-trail',
    personal: false,
    retention: 'kept (append-only)',
  },
  { table: 'audit_event', column: 'action', category: 'audit-trail', personal: false, retention: 'kept (append-only)' },
  {
    table: 'audit_event',
    column: 'outcome',
    category: 'audit-trail',
    personal: false,
    retention: 'kept (append-only)',
  },
  {
    table: 'training_phrase',
    column: 'intent',
    category: 'classification',
    personal: false,
    retention: 'until the municipality removes it',
  },
  {
    table: 'training_phrase',
    column: 'language',
    category: 'classification',
    personal: false,
    retention: 'until the municipality removes it',
  },
  {
    table: 'training_phrase',
    column: 'text',
    category: 'citizen-text-masked',
    personal: true,
    retention: 'until the municipality removes it',
  },
  {
    table: 'training_phrase',
    column: 'status',
    category: 'classification',
    personal: false,
    retention: 'until the municipality removes it',
  },
  { table: 'worklist_decision', column: 'action', category: 'classification', personal: false, retention: CHAT_LOG },
  { table: 'handover', column: 'state', category: 'classification', personal: false, retention: CHAT_LOG },
];
