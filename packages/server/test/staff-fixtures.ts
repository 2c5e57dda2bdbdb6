import type { StaffRole } from '@kommunechat/protocol';
import { findMunicipalityBySlug } from '../src/store/municipality.repository.ts';
import { createStaffUser, setRolesInMunicipality } from '../src/store/staff.repository.ts';
import { hashPassword } from '../src/server/plugins/staff-credentials.ts';
import type { TestApp } from './test-runtime.ts';

export const PASSWORD = 'correct horse battery staple';

/** A staff account with roles per municipality slug. */
export async function createStaff(
  t: TestApp,
  email: string,
  roles: Record<string, StaffRole[]> = {},
  options: { platformAdmin?: boolean } = {},
) {
  const db = t.runtime.store.db;
  const user = await createStaffUser(db, {
    email,
    name: email.split('@')[0]!,
    passwordHash: await hashPassword(PASSWORD),
    platformAdmin: options.platformAdmin ?? false,
    now: t.runtime.clock.now(),
  });
  for (const [slug, list] of Object.entries(roles)) {
    const m = await findMunicipalityBySlug(db, slug);
    if (!m) throw new Error(`no municipality ${slug}`);
    await setRolesInMunicipality(db, user.id, m.id, list);
  }
  return user;
}

export interface StaffSession {
  cookie: string;
  csrf: string;
}

/** Signs in through the API and returns the session cookie and CSRF token. */
export async function login(t: TestApp, email: string, password = PASSWORD): Promise<StaffSession> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies[0]!;
  return { cookie: `${set.name}=${set.value}`, csrf: res.json().csrfToken };
}

/** A request to the admin API as a signed-in staff member (with the CSRF header). */
export function asStaff(
  t: TestApp,
  s: StaffSession,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  return t.app.inject({
    method,
    url: `/api/v1/admin${url}`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    ...(payload ? { payload } : {}),
  });
}

/** Starts a conversation in the public chat API and sends the texts; returns its id. */
export async function chat(
  t: TestApp,
  slug: string,
  texts: string[],
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
): Promise<string> {
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/v1/municipalities/${slug}/conversations`,
    payload: {},
    headers: { 'user-agent': userAgent },
  });
  const { conversationId, token } = started.json();
  for (const text of texts) {
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { text },
      headers: { authorization: `Bearer ${token}` },
    });
  }
  return conversationId;
}

/** A citizen's question in a new conversation of `slug`, and the text of every message the bot replied with. */
export async function replyTo(t: TestApp, slug: string, text: string): Promise<string> {
  const { conversationId, token } = (
    await t.app.inject({ method: 'POST', url: `/api/v1/municipalities/${slug}/conversations`, payload: {} })
  ).json();
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/conversations/${conversationId}/messages`,
    payload: { text },
    headers: { authorization: `Bearer ${token}` },
  });
  return res
    .json()
    .messages.map((m: { text: string }) => m.text)
    .join('\n');
}
