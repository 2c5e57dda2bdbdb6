import type { SessionResponse } from '@kommunechat/protocol';

let csrf = '';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** A call to the admin API with the session cookie and, on state-changing calls, the CSRF token. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1/admin${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new ApiError(res.status, data.error?.code ?? 'error', data.error?.message ?? `HTTP ${res.status}`);
  if ((data as Partial<SessionResponse>).csrfToken) csrf = (data as SessionResponse).csrfToken;
  return data as T;
}

export function csvUrl(path: string): string {
  return `/api/v1/admin${path}`;
}

/** Where the browser goes to sign in with a municipality's identity provider (a navigation, not a fetch). */
export function ssoStartUrl(slug: string): string {
  return `/api/v1/admin/auth/sso/${encodeURIComponent(slug)}/start`;
}
