import type { PublicMunicipality } from '@kommunechat/protocol';
import type { Config } from '../../config/config.schema.ts';
import type { Municipality } from '../../store/municipality.repository.ts';

/** The retention that applies: the municipality's own, else the platform default, never above the platform cap. */
export function effectiveRetentionDays(m: Pick<Municipality, 'retentionDays'>, config: Pick<Config, 'retentionDefaultDays' | 'retentionMaxDays'>): number {
  return Math.min(m.retentionDays ?? config.retentionDefaultDays, config.retentionMaxDays);
}

/** Exactly what the public may see of a municipality. */
export function presentPublicMunicipality(m: Municipality, config: Config): PublicMunicipality {
  return {
    slug: m.slug,
    name: m.name,
    country: m.country,
    languages: m.languages,
    defaultLanguage: m.defaultLanguage,
    theme: m.theme,
    retentionDays: effectiveRetentionDays(m, config),
    privacyStatementUrl: m.privacyStatementUrl ?? m.pages.privacy ?? m.website,
    contact: m.contact,
  };
}
