/**
 * The anonymizer: masks personal data in citizen messages before they are stored (privacy rule 2).
 *
 * @example
 * anonymize('Jeg heter Kari Nordmann, ring 912 34 567', { lang: 'nb' }).text
 * // 'Jeg heter [navn], ring [nummer]'
 */
export { anonymize, type AnonymizeOptions, type AnonymizeResult, type MaskedSpan } from './anonymize.ts';
export { maskToken, MASK_WORDS, PII_CATEGORIES, type PiiCategory } from './masks.ts';

/**
 * Version of the recognisers and lexicons. Each stored message records the version that masked it and the hourly
 * sweep re-masks messages of older versions, so this MUST change whenever a recogniser or a lexicon file changes.
 */
export const ANONYMIZER_VERSION = '2026.11.1';
