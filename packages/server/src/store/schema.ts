import type { ColumnType, Generated, GeneratedAlways, Kysely, Selectable, Transaction } from 'kysely';
import type { Channel, Country, HandoverState, Language, Platform } from '@kommunechat/protocol';
import type { MunicipalitySettings } from '@kommunechat/protocol';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface MunicipalityTable {
  id: Generated<string>;
  slug: string;
  name: string;
  country: Country;
  languages: Language[];
  default_language: Language;
  website: string;
  contact: Json<MunicipalitySettings['contact']>;
  retention_days: number | null;
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  theme: Json<MunicipalitySettings['theme']>;
  pages: Json<Record<string, string>>;
  privacy_statement_url: string | null;
  legal_basis: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MessageRole = 'user' | 'bot' | 'agent';
export type Outcome = 'answered' | 'clarified' | 'fallback' | 'handover';

export interface ConversationTable {
  id: Generated<string>;
  municipality_id: string;
  token_hash: string;
  channel: Channel;
  language: Language;
  platform: Platform | null;
  browser: string | null;
  browser_version: string | null;
  dialogue_state: ColumnType<Record<string, unknown>, string | undefined, string>;
  helpful: boolean | null;
  started_at: Timestamp;
  last_activity_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MessageTable {
  id: GeneratedAlways<number>;
  conversation_id: string;
  role: MessageRole;
  text: string;
  intent: string | null;
  confidence: number | null;
  outcome: Outcome | null;
  helpful: boolean | null;
  anonymizer_version: string | null;
  client_message_id: string | null;
  created_at: Timestamp;
}

export interface IntentStatTable {
  hour: Timestamp;
  municipality_id: string;
  intent: string;
  language: Language;
  channel: Channel;
  outcome: Outcome;
  count: number;
}

export interface JobStateTable {
  name: string;
  last_run_at: Date | null;
  last_result: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface AnswerOverrideTable {
  municipality_id: string;
  intent: string;
  language: Language;
  mode: 'replace' | 'extend';
  text: string;
  updated_at: Timestamp;
  /** the own answer applies from this instant (inclusive); null: since ever */
  valid_from: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** …until this instant (exclusive); null: for good */
  valid_to: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type StaffRoleName = 'municipality_admin' | 'editor' | 'analyst' | 'reviewer' | 'agent';

export interface StaffUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  /** the last accepted TOTP time step (unix time / 30 s): a code of this step or earlier is refused */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  platform_admin: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  /** the OpenID Connect identity the account is linked to at its first single sign-on */
  sso_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  sso_subject: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MunicipalitySsoTable {
  municipality_id: string;
  enabled: boolean;
  issuer: string;
  client_id: string;
  /** sealed with the secret key; null for a public client */
  client_secret: string | null;
  updated_at: Timestamp;
}

export interface StaffSsoAttemptTable {
  state_hash: string;
  municipality_id: string;
  code_verifier: string;
  nonce: string;
  expires_at: Timestamp;
}

export interface StaffRoleTable {
  user_id: string;
  municipality_id: string;
  role: StaffRoleName;
}

export interface StaffSessionTable {
  id_hash: string;
  user_id: string;
  mfa_pending: boolean;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface StaffInviteTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
}

export interface AuditEventTable {
  id: GeneratedAlways<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  municipality_id: string | null;
  conversation_id: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
}

export interface TrainingPhraseTable {
  id: GeneratedAlways<number>;
  municipality_id: string;
  intent: string;
  language: Language;
  text: string;
  status: 'active' | 'proposed';
  created_at: Timestamp;
}

export interface WorklistDecisionTable {
  message_id: number;
  action: 'assign' | 'propose' | 'out_of_scope' | 'dismiss';
  decided_at: Timestamp;
}

export interface HandoverTable {
  conversation_id: string;
  municipality_id: string;
  state: HandoverState;
  agent_id: string | null;
  requested_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentPresenceTable {
  connection_id: string;
  user_id: string;
  municipality_id: string;
  seen_at: Timestamp;
}

export interface Database {
  municipality: MunicipalityTable;
  conversation: ConversationTable;
  message: MessageTable;
  intent_stat: IntentStatTable;
  job_state: JobStateTable;
  answer_override: AnswerOverrideTable;
  staff_user: StaffUserTable;
  municipality_sso: MunicipalitySsoTable;
  staff_sso_attempt: StaffSsoAttemptTable;
  staff_role: StaffRoleTable;
  staff_session: StaffSessionTable;
  staff_invite: StaffInviteTable;
  audit_event: AuditEventTable;
  training_phrase: TrainingPhraseTable;
  worklist_decision: WorklistDecisionTable;
  handover: HandoverTable;
  agent_presence: AgentPresenceTable;
}

export type MunicipalityRow = Selectable<MunicipalityTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type MessageRow = Selectable<MessageTable>;

/** What repository functions take first: the database or an open transaction. */
export type Db = Kysely<Database> | Transaction<Database>;
