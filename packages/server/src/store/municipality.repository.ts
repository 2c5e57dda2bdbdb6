import type { MunicipalitySettings } from '@kommunechat/protocol';
import type { Db, MunicipalityRow } from './schema.ts';

/** A municipality as the rest of the server sees it. */
export interface Municipality extends Omit<MunicipalitySettings, 'retentionDays' | 'pages' | 'privacyStatementUrl'> {
  id: string;
  /** null: the platform default applies */
  retentionDays: number | null;
  pages: Record<string, string>;
  privacyStatementUrl: string | null;
}

function toMunicipality(row: MunicipalityRow): Municipality {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    country: row.country,
    languages: row.languages,
    defaultLanguage: row.default_language,
    website: row.website,
    contact: row.contact,
    retentionDays: row.retention_days,
    allowedOrigins: row.allowed_origins,
    theme: row.theme,
    pages: row.pages,
    privacyStatementUrl: row.privacy_statement_url,
  };
}

function toRow(settings: MunicipalitySettings) {
  return {
    slug: settings.slug,
    name: settings.name,
    country: settings.country,
    languages: settings.languages,
    default_language: settings.defaultLanguage,
    website: settings.website,
    contact: JSON.stringify(settings.contact),
    retention_days: settings.retentionDays ?? null,
    allowed_origins: settings.allowedOrigins,
    theme: JSON.stringify(settings.theme),
    pages: JSON.stringify(settings.pages ?? {}),
    privacy_statement_url: settings.privacyStatementUrl ?? null,
  };
}

export async function findMunicipalityBySlug(db: Db, slug: string): Promise<Municipality | undefined> {
  const row = await db.selectFrom('municipality').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toMunicipality(row);
}

export async function findMunicipalityById(db: Db, id: string): Promise<Municipality | undefined> {
  const row = await db.selectFrom('municipality').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMunicipality(row);
}

export async function listMunicipalities(db: Db): Promise<Municipality[]> {
  const rows = await db.selectFrom('municipality').selectAll().orderBy('slug').execute();
  return rows.map(toMunicipality);
}

/** Inserts the municipality unless one with the same slug exists; returns true when it was created. */
export async function createMunicipalityIfMissing(db: Db, settings: MunicipalitySettings): Promise<boolean> {
  const result = await db
    .insertInto('municipality')
    .values(toRow(settings))
    .onConflict((oc) => oc.column('slug').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateMunicipality(db: Db, settings: MunicipalitySettings): Promise<Municipality | undefined> {
  const row = await db
    .updateTable('municipality')
    .set({ ...toRow(settings), updated_at: new Date() })
    .where('slug', '=', settings.slug)
    .returningAll()
    .executeTakeFirst();
  return row && toMunicipality(row);
}
