/** Keys of a municipality's own pages that answers link to with `{{links.KEY}}`. */
export const PAGE_KEYS = [
  'home', 'contact', 'appointment', 'selfservice', 'privacy', 'complaints', 'invoices', 'jobs', 'council',
  'elections', 'waste', 'waste_calendar', 'recycling', 'water', 'building', 'planning', 'maps', 'property_tax',
  'fire', 'roads', 'parking', 'transport', 'kindergarten', 'school', 'after_school', 'culture_school', 'health',
  'care', 'social', 'housing', 'refugees', 'child_welfare', 'library', 'sports', 'culture', 'leisure', 'events',
  'grants', 'business', 'nature', 'emergency', 'budget', 'tax',
] as const;
export type PageKey = (typeof PAGE_KEYS)[number];

/** Placeholders an answer may use besides `{{links.KEY}}`. */
export const PLACEHOLDERS = [
  'municipality.name',
  'municipality.website',
  'contact.phone',
  'contact.email',
  'contact.address',
  'contact.openingHours',
  'privacy.retentionDays',
] as const;

/** The intent id of messages the assistant does not cover. */
export const OUT_OF_SCOPE = 'oos';
