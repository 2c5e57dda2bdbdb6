import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseModes } from '../../../../test/databases.ts';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, chat, createStaff, login, type StaffSession } from '../../../../test/staff-fixtures.ts';

const SETTINGS = {
  name: 'Alvby kommun',
  languages: ['sv'],
  defaultLanguage: 'sv',
  website: 'https://alvby.example',
  contact: {
    phone: '+46 8 000 00',
    email: 'a@alvby.example',
    address: 'Torget 1',
    openingHours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
  },
  retentionDays: null,
  allowedOrigins: [],
  theme: { colour: '#000000' },
  privacyStatementUrl: null,
  legalBasis: '',
};

/** Every municipality-scoped admin route, called on a municipality the caller has no role in. */
const ROUTES = (conversationId: string, userId: string) =>
  [
    ['GET', '/municipalities/{slug}/members', '/municipalities/alvby/members'],
    [
      'POST',
      '/municipalities/{slug}/members',
      '/municipalities/alvby/members',
      { email: 'x@y.example', name: 'X', roles: ['analyst'] },
    ],
    [
      'PUT',
      '/municipalities/{slug}/members/{userId}/roles',
      `/municipalities/alvby/members/${userId}/roles`,
      { roles: [] },
    ],
    ['GET', '/municipalities/{slug}/conversations', '/municipalities/alvby/conversations'],
    ['GET', '/municipalities/{slug}/conversations/{id}', `/municipalities/alvby/conversations/${conversationId}`],
    [
      'GET',
      '/municipalities/{slug}/conversations/{id}/export',
      `/municipalities/alvby/conversations/${conversationId}/export`,
    ],
    ['GET', '/municipalities/{slug}/audit', '/municipalities/alvby/audit'],
    ['GET', '/municipalities/{slug}/intents', '/municipalities/alvby/intents'],
    ['GET', '/municipalities/{slug}/intents/{intent}', '/municipalities/alvby/intents/waste.collection_schedule'],
    [
      'POST',
      '/municipalities/{slug}/intents/{intent}/answers/{language}/preview',
      '/municipalities/alvby/intents/waste.collection_schedule/answers/sv/preview',
      { mode: 'replace', text: 'x' },
    ],
    [
      'PUT',
      '/municipalities/{slug}/intents/{intent}/answers/{language}',
      '/municipalities/alvby/intents/waste.collection_schedule/answers/sv',
      { mode: 'replace', text: 'x' },
    ],
    [
      'DELETE',
      '/municipalities/{slug}/intents/{intent}/answers/{language}',
      '/municipalities/alvby/intents/waste.collection_schedule/answers/sv',
    ],
    ['GET', '/municipalities/{slug}/settings', '/municipalities/alvby/settings'],
    ['PUT', '/municipalities/{slug}/settings', '/municipalities/alvby/settings', SETTINGS],
    ['GET', '/municipalities/{slug}/sso', '/municipalities/alvby/sso'],
    [
      'PUT',
      '/municipalities/{slug}/sso',
      '/municipalities/alvby/sso',
      { enabled: false, issuer: 'https://login.alvby.example', clientId: 'x' },
    ],
    ['GET', '/municipalities/{slug}/stats', '/municipalities/alvby/stats?from=2026-03-01&to=2026-03-02'],
    ['GET', '/municipalities/{slug}/stats.csv', '/municipalities/alvby/stats.csv?from=2026-03-01&to=2026-03-02'],
    ['GET', '/municipalities/{slug}/billing.csv', '/municipalities/alvby/billing.csv?from=2026-01&to=2026-03'],
    ['GET', '/municipalities/{slug}/worklist', '/municipalities/alvby/worklist'],
    ['POST', '/municipalities/{slug}/worklist/{messageId}', '/municipalities/alvby/worklist/1', { action: 'dismiss' }],
    ['GET', '/municipalities/{slug}/training-phrases', '/municipalities/alvby/training-phrases'],
    ['DELETE', '/municipalities/{slug}/training-phrases/{id}', '/municipalities/alvby/training-phrases/1'],
  ] as [string, string, string, object?][];

describe.each(databaseModes())('admin isolation between municipalities on %s', (mode) => {
  let t: TestApp;
  let fjordvik: StaffSession;
  let alvbyConversation: string;
  let alvbyUser: string;
  beforeAll(async () => {
    t = await createTestApp(mode);
    await createStaff(t, 'all-roles@fjordvik.example', {
      fjordvik: ['municipality_admin', 'editor', 'analyst', 'reviewer', 'agent'],
    });
    alvbyUser = (await createStaff(t, 'staff@alvby.example', { alvby: ['reviewer'] })).id;
    alvbyConversation = await chat(t, 'alvby', ['När hämtas soporna?']);
    fjordvik = await login(t, 'all-roles@fjordvik.example');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every municipality-scoped admin route in this test', async () => {
    const documented = Object.entries((t.app.swagger() as { paths: Record<string, object> }).paths)
      .filter(([path]) => path.startsWith('/api/v1/admin/municipalities/{slug}'))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.slice('/api/v1/admin'.length)}`),
      );
    expect(documented.sort()).toEqual(
      ROUTES('', '')
        .map(([m, p]) => `${m} ${p}`)
        .sort(),
    );
  });

  it('answers 404 on every route of another municipality and records a failed authorisation', async () => {
    const alvbyId = (
      await t.runtime.store.db
        .selectFrom('municipality')
        .select('id')
        .where('slug', '=', 'alvby')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [method, , url, payload] of ROUTES(alvbyConversation, alvbyUser)) {
      const before = await t.runtime.store.db
        .selectFrom('audit_event')
        .select('id')
        .where('outcome', '=', 'denied')
        .where('municipality_id', '=', alvbyId)
        .execute();
      const res = await asStaff(t, fjordvik, method as 'GET', url, payload);
      expect({ url, method, status: res.statusCode, code: res.json().error?.code }).toEqual({
        url,
        method,
        status: 404,
        code: 'not_found',
      });
      const after = await t.runtime.store.db
        .selectFrom('audit_event')
        .selectAll()
        .where('outcome', '=', 'denied')
        .where('municipality_id', '=', alvbyId)
        .orderBy('id')
        .execute();
      expect(after.length, `${method} ${url}`).toBe(before.length + 1);
      expect(after.at(-1)).toMatchObject({ actor_email: 'all-roles@fjordvik.example', outcome: 'denied' });
    }
  });

  it("answers 404 for a conversation of another municipality asked for under the caller's own", async () => {
    const res = await asStaff(t, fjordvik, 'GET', `/municipalities/fjordvik/conversations/${alvbyConversation}`);
    expect(res.statusCode).toBe(404);
    const event = await t.runtime.store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('conversation_id', '=', alvbyConversation)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'chatlog.read', outcome: 'denied' });
  });

  it('answers the same 404 for a municipality that does not exist', async () => {
    const res = await asStaff(t, fjordvik, 'GET', '/municipalities/nowhere/settings');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual((await asStaff(t, fjordvik, 'GET', '/municipalities/alvby/settings')).json());
  });

  it('keeps platform-wide routes to platform admins', async () => {
    for (const url of ['/audit', '/billing.csv?from=2026-01&to=2026-03', '/model'])
      expect((await asStaff(t, fjordvik, 'GET', url)).statusCode).toBe(404);
  });
});
