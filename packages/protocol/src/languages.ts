/** The languages kommunechat understands and answers in. */
export const LANGUAGES = ['nb', 'nn', 'da', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The countries a municipality can belong to, with the languages its answers are written in. */
export const COUNTRY_LANGUAGES = {
  no: ['nb', 'nn', 'en'],
  dk: ['da', 'en'],
  se: ['sv', 'en'],
} as const satisfies Record<string, readonly Language[]>;
export type Country = keyof typeof COUNTRY_LANGUAGES;
export const COUNTRIES = Object.keys(COUNTRY_LANGUAGES) as Country[];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export const CHANNELS = ['web', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PLATFORMS = ['desktop', 'tablet', 'mobile'] as const;
export type Platform = (typeof PLATFORMS)[number];
