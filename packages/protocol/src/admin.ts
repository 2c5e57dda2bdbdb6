import { Type, type Static } from '@sinclair/typebox';
import { LANGUAGES } from './languages.ts';
import { ContactSchema, CountrySchema, LanguageSchema, ThemeSchema } from './schemas.ts';

/** The roles a staff member can hold in one municipality. Platform admins are a flag on the account instead. */
export const STAFF_ROLES = ['municipality_admin', 'editor', 'analyst', 'reviewer', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const strict = { additionalProperties: false } as const;
const union = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));

export const StaffRoleSchema = union(STAFF_ROLES);
export const EmailSchema = Type.String({ pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', minLength: 3, maxLength: 254 });
/** Long enough to resist guessing; argon2id makes each guess expensive, the lockout makes them few. */
export const NewPasswordSchema = Type.String({ minLength: 12, maxLength: 256 });
const Uuid = Type.String({ format: 'uuid' });
/** A positive whole number in a path or query string (the server does not coerce types). */
export const IdStringSchema = Type.String({ pattern: '^[1-9][0-9]{0,14}$' });
const Iso = Type.String({ description: 'ISO-8601 date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const LoginBodySchema = Type.Object(
  { email: EmailSchema, password: Type.String({ minLength: 1, maxLength: 256 }) },
  strict,
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const TotpCodeBodySchema = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, strict);
export const AcceptInviteBodySchema = Type.Object(
  { token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' }), password: NewPasswordSchema },
  strict,
);

export const MunicipalityRefSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  country: CountrySchema,
});
export type MunicipalityRef = Static<typeof MunicipalityRefSchema>;

export const MembershipSchema = Type.Object({
  municipality: MunicipalityRefSchema,
  roles: Type.Array(StaffRoleSchema),
});

export const StaffUserSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  platformAdmin: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  memberships: Type.Array(MembershipSchema),
});
export type StaffUser = Static<typeof StaffUserSchema>;

export const SessionResponseSchema = Type.Object({
  /** null while the second factor is still missing */
  user: Type.Union([StaffUserSchema, Type.Null()]),
  mfaRequired: Type.Boolean(),
  /** send back as the X-CSRF-Token header on every state-changing request */
  csrfToken: Type.String(),
});
export type SessionResponse = Static<typeof SessionResponseSchema>;

// Single sign-on (OpenID Connect) -------------------------------------------------------------------------------

/** The municipalities whose staff can sign in with the municipality's own identity provider. */
export const SsoProviderListSchema = Type.Object({
  providers: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
});
export type SsoProviderList = Static<typeof SsoProviderListSchema>;

export const SsoSettingsBodySchema = Type.Object(
  {
    enabled: Type.Boolean(),
    issuer: Type.String({
      pattern: '^https?://[^\\s?#]+$',
      maxLength: 500,
      description: 'the OpenID Provider issuer URL',
    }),
    clientId: Type.String({ minLength: 1, maxLength: 255 }),
    clientSecret: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 1000 }), Type.Null()], {
        description: 'omitted: keep the stored secret; null: a public client (PKCE only)',
      }),
    ),
  },
  strict,
);
export type SsoSettingsBody = Static<typeof SsoSettingsBodySchema>;
export const SsoSettingsResponseSchema = Type.Object({
  configured: Type.Boolean(),
  enabled: Type.Boolean(),
  issuer: Type.String(),
  clientId: Type.String(),
  clientSecretSet: Type.Boolean(),
  /** register this redirect URI with the identity provider */
  redirectUri: Type.String(),
});
export type SsoSettingsResponse = Static<typeof SsoSettingsResponseSchema>;

export const TotpSetupResponseSchema = Type.Object({ secret: Type.String(), uri: Type.String() });

export const MunicipalityListSchema = Type.Object({ municipalities: Type.Array(MunicipalityRefSchema) });

export const SlugParamsSchema = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }) }, strict);

// Staff management ----------------------------------------------------------------------------------------------

export const MemberSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(StaffRoleSchema),
  active: Type.Boolean(),
});
export const MemberListSchema = Type.Object({ members: Type.Array(MemberSchema) });

export const InviteBodySchema = Type.Object(
  {
    email: EmailSchema,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    roles: Type.Array(StaffRoleSchema, { minItems: 1, uniqueItems: true }),
  },
  strict,
);
export type InviteBody = Static<typeof InviteBodySchema>;
export const InviteResponseSchema = Type.Object({
  member: MemberSchema,
  /** shown once: the path the invitee opens to choose a password; null when the account already existed */
  invitePath: Type.Union([Type.String(), Type.Null()]),
});
export const SetRolesBodySchema = Type.Object({ roles: Type.Array(StaffRoleSchema, { uniqueItems: true }) }, strict);

// Chat logs -----------------------------------------------------------------------------------------------------

export const ConversationListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 2, maxLength: 100, description: 'search in the masked message text' })),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    offset: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,4})$' })),
    limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$', description: '1 to 100' })),
  },
  strict,
);
export type ConversationListQuery = Static<typeof ConversationListQuerySchema>;

export const ConversationSummarySchema = Type.Object({
  id: Uuid,
  startedAt: Iso,
  lastActivityAt: Iso,
  language: LanguageSchema,
  channel: Type.String(),
  platform: Nullable(Type.String()),
  browser: Nullable(Type.String()),
  browserVersion: Nullable(Type.String()),
  helpful: Type.Union([Type.Boolean(), Type.Null()]),
  messageCount: Type.Integer(),
});
export const ConversationListSchema = Type.Object({
  conversations: Type.Array(ConversationSummarySchema),
  total: Type.Integer(),
});

export const LoggedMessageSchema = Type.Object({
  id: Type.Integer(),
  role: union(['user', 'bot', 'agent'] as const),
  text: Type.String({ description: 'masked before it was stored' }),
  intent: Nullable(Type.String()),
  confidence: Type.Union([Type.Number(), Type.Null()]),
  outcome: Nullable(Type.String()),
  helpful: Type.Union([Type.Boolean(), Type.Null()]),
  at: Iso,
});
export const ConversationDetailSchema = Type.Object({
  conversation: ConversationSummarySchema,
  messages: Type.Array(LoggedMessageSchema),
});
export const ConversationParamsSchema = Type.Object({ slug: SlugParamsSchema.properties.slug, id: Uuid }, strict);

// Audit ---------------------------------------------------------------------------------------------------------

export const AuditEventSchema = Type.Object({
  id: Type.Integer(),
  at: Iso,
  actorId: Nullable(Type.String()),
  actorEmail: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  municipalityId: Nullable(Type.String()),
  conversationId: Nullable(Type.String()),
  action: Type.String(),
  outcome: union(['allowed', 'denied'] as const),
});
export const AuditListSchema = Type.Object({ events: Type.Array(AuditEventSchema) });
export const AuditQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500)$', description: '1 to 500' })),
    beforeId: Type.Optional(IdStringSchema),
  },
  strict,
);

// Answers -------------------------------------------------------------------------------------------------------

export const OVERRIDE_MODES = ['replace', 'extend'] as const;
export const OverrideModeSchema = union(OVERRIDE_MODES);
export const IntentSummarySchema = Type.Object({
  id: Type.String(),
  area: Type.String(),
  title: Type.String(),
  overridden: Type.Array(LanguageSchema),
});
export const IntentListSchema = Type.Object({ intents: Type.Array(IntentSummarySchema) });
const validityBound = (description: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description });
export const OverrideSchema = Type.Object({
  mode: OverrideModeSchema,
  text: Type.String(),
  validFrom: Type.Union([Iso, Type.Null()], { description: 'in effect from (inclusive); null: since ever' }),
  validTo: Type.Union([Iso, Type.Null()], { description: 'in effect until (exclusive); null: for good' }),
  inEffect: Type.Boolean({ description: 'whether citizens get it now' }),
});
export const IntentAnswerSchema = Type.Object({
  language: LanguageSchema,
  shared: Type.String({ description: 'the shared answer template of the municipality country' }),
  override: Type.Union([OverrideSchema, Type.Null()]),
  rendered: Type.String({ description: 'what citizens get now' }),
});
export const IntentDetailSchema = Type.Object({
  id: Type.String(),
  area: Type.String(),
  title: Type.String(),
  answers: Type.Array(IntentAnswerSchema),
});
export const AnswerParamsSchema = Type.Object(
  {
    slug: SlugParamsSchema.properties.slug,
    intent: Type.String({ pattern: '^[a-z]+\\.[a-z0-9_]+$' }),
    language: Type.Optional(LanguageSchema),
  },
  strict,
);
export const OverrideBodySchema = Type.Object(
  {
    mode: OverrideModeSchema,
    text: Type.String({ minLength: 1, maxLength: 4000 }),
    validFrom: Type.Optional(
      validityBound('ISO-8601 date-time with offset: the own answer applies from then on (e.g. an election)'),
    ),
    validTo: Type.Optional(validityBound('ISO-8601 date-time with offset: …and until then (exclusive)')),
  },
  strict,
);
export type OverrideBody = Static<typeof OverrideBodySchema>;
export const PreviewResponseSchema = Type.Object({ text: Type.String() });

// Settings ------------------------------------------------------------------------------------------------------

const UrlSchema = Type.String({ pattern: '^https?://\\S+$', maxLength: 500 });
export const AdminSettingsSchema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 120 }),
    languages: Type.Array(LanguageSchema, { minItems: 1, maxItems: LANGUAGES.length, uniqueItems: true }),
    defaultLanguage: LanguageSchema,
    website: UrlSchema,
    contact: ContactSchema,
    retentionDays: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'null: the platform default',
    }),
    allowedOrigins: Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' }), { maxItems: 50 }),
    theme: ThemeSchema,
    privacyStatementUrl: Type.Union([UrlSchema, Type.Null()]),
    legalBasis: Type.String({
      maxLength: 4000,
      description: 'the legal basis of the processing, as shown to citizens',
    }),
  },
  strict,
);
export type AdminSettings = Static<typeof AdminSettingsSchema>;
export const AdminSettingsResponseSchema = Type.Object({
  slug: Type.String(),
  country: CountrySchema,
  settings: AdminSettingsSchema,
  retentionMaxDays: Type.Integer(),
  retentionDefaultDays: Type.Integer(),
});

// Statistics ----------------------------------------------------------------------------------------------------

export const StatsQuerySchema = Type.Object(
  { from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) },
  strict,
);
const Count = Type.Object({ key: Type.String(), count: Type.Integer() });
export const StatsResponseSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  /** per local day: messages from the anonymous statistics, conversations from the retained chat log */
  days: Type.Array(Type.Object({ day: Type.String(), messages: Type.Integer(), conversations: Type.Integer() })),
  outcomes: Type.Object({
    answered: Type.Integer(),
    clarified: Type.Integer(),
    fallback: Type.Integer(),
    handover: Type.Integer(),
  }),
  topIntents: Type.Array(Count),
  topUnanswered: Type.Array(Count),
  languages: Type.Array(Count),
  outsideOpeningHoursShare: Type.Union([Type.Number(), Type.Null()]),
  resolutionRate: Type.Union([Type.Number(), Type.Null()], {
    description: 'helpful / rated conversations (retained chat log only)',
  }),
  platforms: Type.Array(Count),
  browsers: Type.Array(Count),
});
export type StatsResponse = Static<typeof StatsResponseSchema>;

// The learning loop ---------------------------------------------------------------------------------------------

export const WORKLIST_REASONS = ['not_understood', 'low_confidence', 'not_helpful'] as const;
export const WorklistItemSchema = Type.Object({
  messageId: Type.Integer(),
  text: Type.String({ description: 'masked' }),
  language: LanguageSchema,
  reason: union(WORKLIST_REASONS),
  intent: Nullable(Type.String()),
  confidence: Type.Union([Type.Number(), Type.Null()]),
  at: Iso,
});
export const WorklistGroupSchema = Type.Object({ label: Type.String(), items: Type.Array(WorklistItemSchema) });
export const WorklistSchema = Type.Object({ groups: Type.Array(WorklistGroupSchema), total: Type.Integer() });
export const WORKLIST_ACTIONS = ['assign', 'propose', 'out_of_scope', 'dismiss'] as const;
export const WorklistDecisionBodySchema = Type.Object(
  { action: union(WORKLIST_ACTIONS), intent: Type.Optional(Type.String({ pattern: '^[a-z]+\\.[a-z0-9_]+$' })) },
  strict,
);
export type WorklistDecisionBody = Static<typeof WorklistDecisionBodySchema>;
export const WorklistParamsSchema = Type.Object(
  { slug: SlugParamsSchema.properties.slug, messageId: IdStringSchema },
  strict,
);
export const TrainingPhraseSchema = Type.Object({
  id: Type.Integer(),
  intent: Type.String(),
  language: LanguageSchema,
  text: Type.String(),
  status: Type.String(),
  at: Iso,
});
export const TrainingPhraseListSchema = Type.Object({ phrases: Type.Array(TrainingPhraseSchema) });
export const RetrainResponseSchema = Type.Object({
  status: union(['started', 'running'] as const),
});
export const ModelStatusSchema = Type.Object({
  running: Type.Boolean(),
  last: Type.Union([
    Type.Object({
      at: Iso,
      published: Type.Boolean(),
      baselineAccuracy: Type.Number(),
      candidateAccuracy: Type.Number(),
      phrases: Type.Integer(),
    }),
    Type.Null(),
  ]),
});
