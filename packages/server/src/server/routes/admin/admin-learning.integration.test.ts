import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseModes } from '../../../../test/databases.ts';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, chat, createStaff, login, type StaffSession } from '../../../../test/staff-fixtures.ts';

describe.each(databaseModes())('the learning loop on %s', (mode) => {
  let t: TestApp;
  let reviewer: StaffSession;
  let platform: StaffSession;
  beforeAll(async () => {
    t = await createTestApp(mode);
    await createStaff(t, 'reviewer@fjordvik.example', { fjordvik: ['reviewer'] });
    await createStaff(t, 'root@platform.example', {}, { platformAdmin: true });
    await chat(t, 'fjordvik', ['qwzx vbnm xqvkj zzzzz', 'Når kommer søppelbilen?']);
    await chat(t, 'fjordvik', ['qwzx vbnm xqvkj flurp']);
    reviewer = await login(t, 'reviewer@fjordvik.example');
    platform = await login(t, 'root@platform.example');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists what the bot did not understand, grouped by similarity, masked and audited', async () => {
    const res = await asStaff(t, reviewer, 'GET', '/municipalities/fjordvik/worklist');
    expect(res.statusCode).toBe(200);
    const { groups, total } = res.json();
    expect(total).toBe(2);
    expect(groups).toHaveLength(1);
    expect(groups[0].label).toContain('qwzx');
    const reasons = groups[0].items.map((i: { reason: string }) => i.reason);
    expect(reasons).toContain('not_understood');
    expect(reasons.every((r: string) => r === 'not_understood' || r === 'low_confidence')).toBe(true);
    const events = await t.runtime.store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'worklist.read')
      .execute();
    expect(events).toHaveLength(1);
    expect((await asStaff(t, platform, 'GET', '/municipalities/fjordvik/worklist')).statusCode).toBe(403);
  });

  it('turns a decision into a training phrase (or a proposal), once', async () => {
    const { groups } = (await asStaff(t, reviewer, 'GET', '/municipalities/fjordvik/worklist')).json();
    const [first, second] = groups[0].items as { messageId: number }[];
    expect(
      (
        await asStaff(t, reviewer, 'POST', `/municipalities/fjordvik/worklist/${first!.messageId}`, {
          action: 'assign',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await asStaff(t, reviewer, 'POST', `/municipalities/fjordvik/worklist/${first!.messageId}`, {
          action: 'assign',
          intent: 'waste.collection_schedule',
        })
      ).json(),
    ).toEqual({ decided: true });
    expect(
      (
        await asStaff(t, reviewer, 'POST', `/municipalities/fjordvik/worklist/${first!.messageId}`, {
          action: 'dismiss',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await asStaff(t, reviewer, 'POST', `/municipalities/fjordvik/worklist/${second!.messageId}`, {
          action: 'out_of_scope',
        })
      ).statusCode,
    ).toBe(200);
    expect((await asStaff(t, reviewer, 'GET', '/municipalities/fjordvik/worklist')).json().total).toBe(0);
    const { phrases } = (await asStaff(t, reviewer, 'GET', '/municipalities/fjordvik/training-phrases')).json();
    expect(phrases.map((p: { intent: string; status: string }) => `${p.intent}/${p.status}`).sort()).toEqual([
      'oos/active',
      'waste.collection_schedule/active',
    ]);
  });

  it('retrains in the background and publishes only when held-out accuracy does not drop', async () => {
    expect((await asStaff(t, reviewer, 'POST', '/model/retrain')).statusCode).toBe(404);
    const before = t.runtime.conversations.nlu;
    const res = await asStaff(t, platform, 'POST', '/model/retrain');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'started' });
    // The trainings run in a worker thread, so the server answers meanwhile (it used to answer only afterwards).
    let status = (await asStaff(t, platform, 'GET', '/model')).json();
    expect(status).toEqual({ running: true, last: null });
    const deadline = Date.now() + 240_000;
    while (status.running && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await asStaff(t, platform, 'GET', '/model')).json();
    }
    expect(status.last).toMatchObject({ phrases: 2 });
    expect(status.last.published).toBe(status.last.candidateAccuracy >= status.last.baselineAccuracy);
    expect(t.runtime.conversations.nlu !== before).toBe(status.last.published);
  }, 300_000);
});
