import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../clock.ts';
import { databaseModes } from '../../../../test/databases.ts';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, chat, createStaff, login, type StaffSession, replyTo } from '../../../../test/staff-fixtures.ts';

const SCRIPT_UA = 'Mozilla/5.0 <script>alert(1)</script> (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe.each(databaseModes())('admin console API on %s', (mode) => {
  let t: TestApp;
  let reviewer: StaffSession;
  let analyst: StaffSession;
  let editor: StaffSession;
  let admin: StaffSession;
  let platform: StaffSession;
  let conversationId: string;
  // Monday 2 March 2026, 10:00 in Fjordvik (within opening hours)
  const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp(mode, { clock });
    await createStaff(t, 'reviewer@fjordvik.example', { fjordvik: ['reviewer'] });
    await createStaff(t, 'analyst@fjordvik.example', { fjordvik: ['analyst'] });
    await createStaff(t, 'editor@fjordvik.example', { fjordvik: ['editor'] });
    await createStaff(t, 'admin@fjordvik.example', { fjordvik: ['municipality_admin'] });
    await createStaff(t, 'root@platform.example', {}, { platformAdmin: true });
    conversationId = await chat(
      t,
      'fjordvik',
      ['Når kommer søppelbilen? Ring meg på 912 34 567', '<img src=x onerror=alert(1)> søppel'],
      SCRIPT_UA,
    );
    clock.advance(11 * 3_600_000); // 20:00 local: outside opening hours
    await chat(t, 'fjordvik', ['Hvordan søker jeg barnehageplass?']);
    reviewer = await login(t, 'reviewer@fjordvik.example');
    analyst = await login(t, 'analyst@fjordvik.example');
    editor = await login(t, 'editor@fjordvik.example');
    admin = await login(t, 'admin@fjordvik.example');
    platform = await login(t, 'root@platform.example');
  });
  afterAll(async () => {
    await t.close();
  });

  async function auditOf(action: string) {
    return t.runtime.store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  }

  describe('chat logs', () => {
    it('lets a reviewer list, search, read and export masked conversations, each audited without content', async () => {
      const list = await asStaff(t, reviewer, 'GET', '/municipalities/fjordvik/conversations');
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBe(2);
      const found = (
        await asStaff(t, reviewer, 'GET', '/municipalities/fjordvik/conversations?q=s%C3%B8ppelbilen')
      ).json();
      expect(found.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);
      expect((await asStaff(t, reviewer, 'GET', '/municipalities/fjordvik/conversations?q=100%25')).json().total).toBe(
        0,
      );

      const read = (
        await asStaff(t, reviewer, 'GET', `/municipalities/fjordvik/conversations/${conversationId}`)
      ).json();
      const texts = read.messages
        .filter((m: { role: string }) => m.role === 'user')
        .map((m: { text: string }) => m.text);
      expect(texts[0]).not.toContain('912 34 567');
      expect(read.conversation).toMatchObject({ browser: 'Firefox', platform: 'desktop' });
      const exported = await asStaff(
        t,
        reviewer,
        'GET',
        `/municipalities/fjordvik/conversations/${conversationId}/export`,
      );
      expect(exported.headers['content-disposition']).toContain('attachment');

      for (const action of ['chatlog.list', 'chatlog.search', 'chatlog.read', 'chatlog.export']) {
        const events = await auditOf(action);
        expect(events.length, action).toBeGreaterThan(0);
        expect(events.at(-1)).toMatchObject({
          actor_email: 'reviewer@fjordvik.example',
          actor_role: 'reviewer',
          outcome: 'allowed',
        });
      }
      expect((await auditOf('chatlog.read')).at(-1)!.conversation_id).toBe(conversationId);
      const everything = JSON.stringify(await t.runtime.store.db.selectFrom('audit_event').selectAll().execute());
      expect(everything).not.toMatch(/søppel|912 34 567|onerror/);
    });

    it('refuses chat logs to analysts, editors, admins and platform admins with 403, audited', async () => {
      for (const s of [analyst, editor, admin, platform]) {
        expect((await asStaff(t, s, 'GET', '/municipalities/fjordvik/conversations')).statusCode).toBe(403);
      }
      const denied = (await auditOf('chatlog.read')).filter((e) => e.outcome === 'denied');
      expect(denied.map((e) => e.actor_email)).toEqual(
        expect.arrayContaining(['analyst@fjordvik.example', 'root@platform.example']),
      );
    });

    it('shows the audit trail to admins, and records that they looked', async () => {
      const events = (await asStaff(t, admin, 'GET', '/municipalities/fjordvik/audit')).json().events;
      expect(events.some((e: { action: string }) => e.action === 'chatlog.read')).toBe(true);
      expect((await auditOf('audit.read')).at(-1)).toMatchObject({
        actor_email: 'admin@fjordvik.example',
        outcome: 'allowed',
      });
      expect((await asStaff(t, reviewer, 'GET', '/municipalities/fjordvik/audit')).statusCode).toBe(403);
    });
  });

  describe('answers', () => {
    it('browses the shared base by area and intent', async () => {
      const { intents } = (await asStaff(t, editor, 'GET', '/municipalities/fjordvik/intents')).json();
      expect(intents.length).toBeGreaterThan(50);
      // the municipality file may seed own answers: the list must show exactly those stored
      const stored = await t.runtime.store.db
        .selectFrom('answer_override')
        .innerJoin('municipality', 'municipality.id', 'answer_override.municipality_id')
        .select('answer_override.language')
        .where('municipality.slug', '=', 'fjordvik')
        .where('intent', '=', 'waste.collection_schedule')
        .orderBy('answer_override.language')
        .execute();
      const listed = intents.find((i: { id: string }) => i.id === 'waste.collection_schedule');
      expect(listed.area).toBe('waste');
      expect([...listed.overridden].sort()).toEqual(stored.map((r) => r.language));
      const detail = (
        await asStaff(t, editor, 'GET', '/municipalities/fjordvik/intents/waste.collection_schedule')
      ).json();
      expect(detail.answers.map((a: { language: string }) => a.language)).toEqual(['nb', 'nn', 'en']);
    });

    it('previews, publishes (at once, no restart) and withdraws an own answer', async () => {
      const body = { mode: 'replace', text: 'Tømming annenhver tirsdag. Ring {{contact.phone}}.' };
      const preview = await asStaff(
        t,
        editor,
        'POST',
        '/municipalities/fjordvik/intents/waste.collection_schedule/answers/nb/preview',
        body,
      );
      expect(preview.json().text).toBe('Tømming annenhver tirsdag. Ring +47 55 00 00 00.');
      expect(
        (
          await asStaff(
            t,
            editor,
            'POST',
            '/municipalities/fjordvik/intents/waste.collection_schedule/answers/nb/preview',
            { mode: 'replace', text: '{{contact.fax}}' },
          )
        ).statusCode,
      ).toBe(400);
      expect(
        (await asStaff(t, editor, 'PUT', '/municipalities/fjordvik/intents/waste.collection_schedule/answers/sv', body))
          .statusCode,
      ).toBe(400);

      const citizenBefore = await chatReply();
      expect(citizenBefore).not.toContain('annenhver tirsdag');
      expect(
        (await asStaff(t, editor, 'PUT', '/municipalities/fjordvik/intents/waste.collection_schedule/answers/nb', body))
          .statusCode,
      ).toBe(200);
      expect(await chatReply()).toContain('Tømming annenhver tirsdag. Ring +47 55 00 00 00.');
      expect(
        (
          await asStaff(
            t,
            analyst,
            'PUT',
            '/municipalities/fjordvik/intents/waste.collection_schedule/answers/nb',
            body,
          )
        ).statusCode,
      ).toBe(403);

      expect(
        (
          await asStaff(t, editor, 'DELETE', '/municipalities/fjordvik/intents/waste.collection_schedule/answers/nb')
        ).json(),
      ).toEqual({ deleted: true });
      expect(await chatReply()).not.toContain('annenhver tirsdag');
    });

    const chatReply = () => replyTo(t, 'fjordvik', 'Når kommer søppelbilen?');
  });

  describe('settings', () => {
    it('lets the municipality admin change settings within the platform cap, effective at once', async () => {
      const current = (await asStaff(t, admin, 'GET', '/municipalities/fjordvik/settings')).json();
      expect(current).toMatchObject({
        slug: 'fjordvik',
        retentionMaxDays: 90,
        settings: { retentionDays: 21, legalBasis: '' },
      });
      const next = {
        ...current.settings,
        retentionDays: 14,
        legalBasis: 'GDPR art. 6(1)(e); forvaltningsloven § 11.',
        name: '=HYPERLINK("http://evil.example","x")',
      };
      expect(
        (await asStaff(t, admin, 'PUT', '/municipalities/fjordvik/settings', { ...next, retentionDays: 365 }))
          .statusCode,
      ).toBe(400);
      expect(
        (await asStaff(t, admin, 'PUT', '/municipalities/fjordvik/settings', { ...next, languages: ['nb', 'sv'] }))
          .statusCode,
      ).toBe(400);
      expect(
        (await asStaff(t, admin, 'PUT', '/municipalities/fjordvik/settings', { ...next, unknown: 1 })).statusCode,
      ).toBe(400);
      const saved = await asStaff(t, admin, 'PUT', '/municipalities/fjordvik/settings', next);
      expect(saved.statusCode).toBe(200);
      expect(saved.json().settings).toMatchObject({ retentionDays: 14, legalBasis: next.legalBasis });
      const publicView = (await t.app.inject({ method: 'GET', url: '/api/v1/municipalities/fjordvik' })).json();
      expect(publicView.retentionDays).toBe(14);
      expect((await asStaff(t, editor, 'GET', '/municipalities/fjordvik/settings')).statusCode).toBe(403);
    });
  });

  describe('statistics and billing', () => {
    it('reports per day, outcomes, intents, languages, opening hours, platforms and browsers', async () => {
      const res = await asStaff(t, analyst, 'GET', '/municipalities/fjordvik/stats?from=2026-03-01&to=2026-03-03');
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s.days.map((d: { day: string }) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
      const day2 = s.days[1];
      expect(day2.conversations).toBeGreaterThanOrEqual(2);
      expect(day2.messages).toBeGreaterThanOrEqual(3);
      expect(s.outcomes.answered).toBeGreaterThanOrEqual(1);
      expect(s.topIntents.map((i: { key: string }) => i.key)).toContain('waste.collection_schedule');
      expect(s.languages[0].key).toBe('nb');
      expect(s.outsideOpeningHoursShare).toBeGreaterThan(0);
      expect(s.outsideOpeningHoursShare).toBeLessThan(1);
      expect(s.browsers.map((b: { key: string }) => b.key)).toContain('Firefox');
      expect(
        (await asStaff(t, analyst, 'GET', '/municipalities/fjordvik/stats?from=2026-03-03&to=2026-03-01')).statusCode,
      ).toBe(400);
      expect(
        (await asStaff(t, editor, 'GET', '/municipalities/fjordvik/stats?from=2026-03-01&to=2026-03-03')).statusCode,
      ).toBe(403);
    });

    it('exports statistics and billing as CSV with formulas defused', async () => {
      const csv = await asStaff(t, analyst, 'GET', '/municipalities/fjordvik/stats.csv?from=2026-03-01&to=2026-03-03');
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]).toBe('date,municipality,intent,language,channel,outcome,count');
      expect(
        lines.some((l) =>
          l.startsWith(
            '2026-03-02,"\'=HYPERLINK(""http://evil.example"",""x"")",waste.collection_schedule,nb,web,answered,',
          ),
        ),
      ).toBe(true);
      expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);

      const bill = await asStaff(t, admin, 'GET', '/municipalities/fjordvik/billing.csv?from=2026-01&to=2026-03');
      expect(bill.body).toMatch(/^month,municipality,name,answered\r\n2026-03,fjordvik,"'=HYPERLINK/);
      expect(
        (await asStaff(t, analyst, 'GET', '/municipalities/fjordvik/billing.csv?from=2026-01&to=2026-03')).statusCode,
      ).toBe(403);
      const all = await asStaff(t, platform, 'GET', '/billing.csv?from=2026-03&to=2026-03');
      expect(all.body.split('\r\n')[1]).toMatch(/^2026-03,fjordvik,/);
    });
  });
});
