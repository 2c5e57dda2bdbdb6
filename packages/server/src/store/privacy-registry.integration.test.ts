import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseModes, openTestStore } from '../../test/databases.ts';
import { PRIVACY_REGISTRY } from '../privacy/privacy.registry.ts';

const registered = new Set(PRIVACY_REGISTRY.map((r) => `${r.table}.${r.column}`));

describe.each(databaseModes())('privacy registry on %s', (mode) => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    t = await openTestStore(mode);
  });
  afterAll(() => t.close());

  it('declares every text and JSON column of the schema', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_%'
        and (data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or (data_type = 'ARRAY' and udt_name in ('_text', '_varchar')))`.execute(
      t.store.db,
    );
    const columns = rows.map((r) => `${r.table_name}.${r.column_name}`);
    expect(columns.length).toBeGreaterThan(10);
    expect(columns.filter((c) => !registered.has(c))).toEqual([]);
    expect([...registered].filter((c) => !columns.includes(c))).toEqual([]);
  });
});

describe('docs/privacy.md', () => {
  it('lists exactly the registry, with the same category and retention', () => {
    const doc = readFileSync(new URL('../../../../docs/privacy.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## The registry'));
    const rows = section
      .split('\n')
      .filter((l) => /^\| [a-z_]+ \| [a-z_]+ \|/.test(l) && !l.startsWith('| table |'))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const expected = PRIVACY_REGISTRY.map((r) => [
      r.table,
      r.column,
      r.category,
      r.personal ? 'yes' : 'no',
      r.retention,
    ]);
    expect(rows).toEqual(expected);
  });
});
