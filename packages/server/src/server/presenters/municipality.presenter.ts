import type { PublicMunicipality } from '@kommunechat/protocol';
import type { Config } from '../../config/config.schema.ts';
import type { Municipality } from '../../store/municipality.repository.ts';
import { effectiveRetentionDays } from '../../privacy/retention.policy.ts';
import { retentionLimits } from '../../config/load-config.ts';

/** Exactly what the public may see of a municipality. */
export function presentPublicMunicipality(m: Municipality, config: Config): PublicMunicipality {
  return {
    slug: m.slug,
    name: m.name,
    country: m.country,
    languages: m.languages,
    defaultLanguage: m.defaultLanguage,
    theme: m.theme,
    retentionDays: effectiveRetentionDays(m.retentionDays, retentionLimits(config)),
    privacyStatementUrl: m.privacyStatementUrl ?? m.pages.privacy ?? m.website,
    contact: m.contact,
  };
}
