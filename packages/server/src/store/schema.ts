import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Country, Language } from '@kommunechat/protocol';
import type { MunicipalitySettings } from '@kommunechat/protocol';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface MunicipalityTable {
  id: Generated<string>;
  slug: string;
  name: string;
  country: Country;
  languages: Language[];
  default_language: Language;
  website: string;
  contact: Json<MunicipalitySettings['contact']>;
  retention_days: number | null;
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  theme: Json<MunicipalitySettings['theme']>;
  pages: Json<Record<string, string>>;
  privacy_statement_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  municipality: MunicipalityTable;
}

export type MunicipalityRow = Selectable<MunicipalityTable>;
