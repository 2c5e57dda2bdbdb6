import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../clock.ts';
import { databaseModes } from '../../../../test/databases.ts';
import { createTestApp, type TestApp } from '../../../../test/test-runtime.ts';
import { asStaff, createStaff, login, type StaffSession, replyTo } from '../../../../test/staff-fixtures.ts';

const PATH = '/municipalities/fjordvik/intents/waste.collection_schedule/answers/nb';

describe.each(databaseModes())('own answers valid for a period on %s', (mode) => {
  let t: TestApp;
  let editor: StaffSession;
  const clock = fixedClock(new Date('2026-09-01T08:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp(mode, { clock });
    await createStaff(t, 'editor@fjordvik.example', { fjordvik: ['editor'] });
    editor = await login(t, 'editor@fjordvik.example');
  });
  afterAll(async () => {
    await t.close();
  });

  const citizenReply = () => replyTo(t, 'fjordvik', 'Når kommer søppelbilen?');
  const ownAnswer = async () =>
    (await asStaff(t, editor, 'GET', '/municipalities/fjordvik/intents/waste.collection_schedule'))
      .json()
      .answers.find((a: { language: string }) => a.language === 'nb');

  it('publishes an own answer for a period: citizens get it only within the period', async () => {
    // arrange: an answer for the election week, published a week before it
    const body = {
      mode: 'replace',
      text: 'I valguken tømmes det på lørdag.',
      validFrom: '2026-09-07T22:00:00.000Z',
      validTo: '2026-09-14T22:00:00.000Z',
    };

    // act
    const put = await asStaff(t, editor, 'PUT', PATH, body);

    // assert: the response renders it as it reads while in effect; the detail shows it is not in effect yet
    expect(put.statusCode).toBe(200);
    expect(put.json().text).toBe(body.text);
    expect((await ownAnswer()).override).toEqual({
      mode: 'replace',
      text: body.text,
      validFrom: body.validFrom,
      validTo: body.validTo,
      inEffect: false,
    });
    expect((await ownAnswer()).rendered).not.toContain('lørdag');
    const row = await t.runtime.store.db
      .selectFrom('answer_override')
      .select(['valid_from', 'valid_to'])
      .where('intent', '=', 'waste.collection_schedule')
      .where('language', '=', 'nb')
      .executeTakeFirstOrThrow();
    expect(new Date(row.valid_from!).toISOString()).toBe(body.validFrom);

    expect(await citizenReply()).not.toContain('lørdag'); // before
    clock.set(new Date('2026-09-07T22:00:00Z'));
    expect(await citizenReply()).toContain(body.text); // from the first instant, with no cache invalidation
    editor = await login(t, 'editor@fjordvik.example'); // a week later: a new session
    expect((await ownAnswer()).override.inEffect).toBe(true);
    clock.set(new Date('2026-09-14T22:00:00Z'));
    expect(await citizenReply()).not.toContain('lørdag'); // after (the end is exclusive)
    editor = await login(t, 'editor@fjordvik.example');
  });

  it('clears the period when published without one', async () => {
    await asStaff(t, editor, 'PUT', PATH, { mode: 'replace', text: 'Tømming hver tirsdag.' });
    expect((await ownAnswer()).override).toMatchObject({ validFrom: null, validTo: null, inEffect: true });
    expect(await citizenReply()).toContain('Tømming hver tirsdag.');
  });

  it('refuses a period that ends before it starts, a date without offset, and unknown fields', async () => {
    const base = { mode: 'replace', text: 'x' };
    const refused = [
      { ...base, validFrom: '2026-10-02T00:00:00Z', validTo: '2026-10-01T00:00:00Z' },
      { ...base, validFrom: '2026-10-01T00:00:00Z', validTo: '2026-10-01T00:00:00Z' },
      { ...base, validFrom: 'next tuesday' },
      { ...base, validUntil: '2026-10-01T00:00:00Z' },
    ];
    for (const body of refused) {
      expect((await asStaff(t, editor, 'PUT', PATH, body)).statusCode).toBe(400);
      expect((await asStaff(t, editor, 'POST', `${PATH}/preview`, body)).statusCode).toBe(400);
    }
    expect((await ownAnswer()).override.text).toBe('Tømming hver tirsdag.');
  });

  it('previews an answer of a future period as it will read', async () => {
    const res = await asStaff(t, editor, 'POST', `${PATH}/preview`, {
      mode: 'replace',
      text: 'Ring {{contact.phone}}.',
      validFrom: '2030-01-01T00:00:00Z',
      validTo: null,
    });
    expect(res.json()).toEqual({ text: 'Ring +47 55 00 00 00.' });
  });
});
