import type { Clock } from '../clock.ts';
import { overrideKey, type AnswerOverride } from '../content/answer.resolver.ts';
import { effectiveRetentionDays, type RetentionLimits } from '../privacy/retention.policy.ts';
import { listAnswerOverrides } from '../store/answer-override.repository.ts';
import {
  findMunicipalityById,
  findMunicipalityBySlug,
  listMunicipalities,
  type Municipality,
} from '../store/municipality.repository.ts';
import type { Db } from '../store/schema.ts';
import type { MunicipalityContext } from './dialogue.types.ts';

/**
 * Municipalities with their own answers, cached in memory for `ttlMs` so a message costs no extra queries.
 * Edits through this instance invalidate at once; other instances see them within the TTL.
 */
export class MunicipalityDirectory {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #limits: RetentionLimits;
  readonly #ttlMs: number;
  #origins: { at: number; bySlug: Map<string, Set<string>> } | undefined;
  readonly #byId = new Map<
    string,
    { at: number; value: { municipality: Municipality; context: MunicipalityContext } }
  >();

  constructor(db: Db, clock: Clock, limits: RetentionLimits, ttlMs = 30_000) {
    this.#db = db;
    this.#clock = clock;
    this.#limits = limits;
    this.#ttlMs = ttlMs;
  }

  async byId(id: string): Promise<{ municipality: Municipality; context: MunicipalityContext } | undefined> {
    const hit = this.#byId.get(id);
    if (hit && this.#clock.now().getTime() - hit.at < this.#ttlMs) return hit.value;
    const m = await findMunicipalityById(this.#db, id);
    return m && this.#load(m);
  }

  async bySlug(slug: string): Promise<{ municipality: Municipality; context: MunicipalityContext } | undefined> {
    for (const { at, value } of this.#byId.values()) {
      if (value.municipality.slug === slug && this.#clock.now().getTime() - at < this.#ttlMs) return value;
    }
    const m = await findMunicipalityBySlug(this.#db, slug);
    return m && this.#load(m);
  }

  /** Whether a website origin may embed the widget: of the municipality `slug`, or of any municipality. */
  async allowsOrigin(origin: string, slug?: string): Promise<boolean> {
    const now = this.#clock.now().getTime();
    if (!this.#origins || now - this.#origins.at >= this.#ttlMs) {
      const all = await listMunicipalities(this.#db);
      this.#origins = { at: now, bySlug: new Map(all.map((m) => [m.slug, new Set(m.allowedOrigins)])) };
    }
    const sets = slug ? [this.#origins.bySlug.get(slug)] : [...this.#origins.bySlug.values()];
    return sets.some((set) => set?.has(origin) === true);
  }

  invalidate(id: string): void {
    this.#byId.delete(id);
    this.#origins = undefined;
  }

  async #load(m: Municipality) {
    const overrides = await listAnswerOverrides(this.#db, m.id);
    const value = { municipality: m, context: toContext(m, overrides, this.#limits) };
    this.#byId.set(m.id, { at: this.#clock.now().getTime(), value });
    return value;
  }
}

export function toContext(
  m: Municipality,
  overrides: readonly AnswerOverride[],
  limits: RetentionLimits,
): MunicipalityContext {
  return {
    id: m.id,
    country: m.country,
    languages: m.languages,
    defaultLanguage: m.defaultLanguage,
    facts: {
      name: m.name,
      website: m.website,
      contact: m.contact,
      pages: m.pages,
      privacyStatementUrl: m.privacyStatementUrl ?? undefined,
    },
    retentionDays: effectiveRetentionDays(m.retentionDays, limits),
    overrides: new Map(overrides.map((o) => [overrideKey(o.intent, o.language), o])),
  };
}
