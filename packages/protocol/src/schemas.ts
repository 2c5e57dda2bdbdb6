import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CHANNELS, COUNTRIES, LANGUAGES } from './languages.ts';
import { ERROR_STATUS } from './errors.ts';

const literalUnion = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );

export const LanguageSchema = literalUnion(LANGUAGES, 'nb, nn, da, sv or en');
export const CountrySchema = literalUnion(COUNTRIES, 'no, dk or se');
export const ChannelSchema = literalUnion(CHANNELS, 'web or voice');
export const SlugSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,62}$',
  description: 'lowercase letters, digits and dashes',
});

export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: literalUnion(Object.keys(ERROR_STATUS)),
      message: Type.String(),
    }),
  },
  { $id: 'ErrorBody' },
);

/** Opening hours per weekday: "08:00-15:30", or null when closed. */
const HoursSchema = Type.Union([
  Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$' }),
  Type.Null(),
]);
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const OpeningHoursSchema = Type.Object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, HoursSchema])) as Record<Weekday, typeof HoursSchema>,
  { additionalProperties: false },
);

export const ContactSchema = Type.Object(
  {
    phone: Type.String({ minLength: 3, maxLength: 40 }),
    email: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 200 }),
    address: Type.String({ minLength: 3, maxLength: 300 }),
    openingHours: OpeningHoursSchema,
  },
  { additionalProperties: false },
);

export const ThemeSchema = Type.Object(
  {
    colour: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'primary colour, #rrggbb' }),
    logoUrl: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const OriginSchema = Type.String({ pattern: '^https?://[^/\\s]+$', description: 'scheme://host[:port], no path' });
const UrlSchema = Type.String({ pattern: '^https?://\\S+$', maxLength: 500 });

/** A municipality (tenant) as configured in content/municipalities/*.yaml or by its administrators. */
export const MunicipalitySettingsSchema = Type.Object(
  {
    slug: SlugSchema,
    name: Type.String({ minLength: 2, maxLength: 120 }),
    country: CountrySchema,
    languages: Type.Array(LanguageSchema, { minItems: 1, uniqueItems: true }),
    defaultLanguage: LanguageSchema,
    website: UrlSchema,
    contact: ContactSchema,
    retentionDays: Type.Optional(Type.Integer({ minimum: 1, description: 'days chat logs are kept; default 21' })),
    allowedOrigins: Type.Array(OriginSchema, { default: [] }),
    theme: ThemeSchema,
    pages: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z_]+$' }), UrlSchema)),
    privacyStatementUrl: Type.Optional(UrlSchema),
    answers: Type.Optional(
      Type.Array(
        Type.Object(
          {
            intent: Type.String({ pattern: '^[a-z]+\\.[a-z0-9_]+$' }),
            language: LanguageSchema,
            mode: Type.Union([Type.Literal('replace'), Type.Literal('extend')]),
            text: Type.String({ minLength: 1, maxLength: 4000 }),
          },
          { additionalProperties: false },
        ),
        { description: "the municipality's own answers, seeded into the database when missing" },
      ),
    ),
  },
  { additionalProperties: false },
);
export type MunicipalitySettings = Static<typeof MunicipalitySettingsSchema>;

/** What the widget may know about a municipality before a conversation starts. */
export const PublicMunicipalitySchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  country: CountrySchema,
  languages: Type.Array(LanguageSchema),
  defaultLanguage: LanguageSchema,
  theme: ThemeSchema,
  retentionDays: Type.Integer(),
  privacyStatementUrl: Type.String(),
  contact: ContactSchema,
});
export type PublicMunicipality = Static<typeof PublicMunicipalitySchema>;

export type { Static, TSchema };
export { Type };
