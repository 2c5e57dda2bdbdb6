/** Retention limits of the platform: the default for municipalities that set none, and the cap for all. */
export interface RetentionLimits {
  defaultDays: number;
  maxDays: number;
}

/** The retention that applies: the municipality's own, else the platform default, never above the cap nor below 1 day. */
export function effectiveRetentionDays(municipalityDays: number | null | undefined, limits: RetentionLimits): number {
  return Math.max(1, Math.min(municipalityDays ?? limits.defaultDays, limits.maxDays));
}
