import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseModes } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-runtime.ts';

describe.each(databaseModes())('HTTP foundation on %s', (mode) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(mode);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('sets a request id and security headers', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('ignores a request id sent by the client', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'request-id': 'chosen-by-client' } });
    expect(res.headers['x-request-id']).not.toBe('chosen-by-client');
  });

  it('shapes errors as {error: {code, message}}', async () => {
    const res = await t.app.inject('/no/such/thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const bad = await t.app.inject('/api/v1/municipalities/NOT_A_SLUG!');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const missing = await t.app.inject('/api/v1/municipalities/atlantis');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('serves a municipality with the platform retention cap applied', async () => {
    const res = await t.app.inject('/api/v1/municipalities/fjordvik');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ slug: 'fjordvik', country: 'no', defaultLanguage: 'nb', retentionDays: 21 });
    expect(body).not.toHaveProperty('allowedOrigins');
    expect(body).not.toHaveProperty('id');
  });

  it('publishes the OpenAPI document at /api/docs', async () => {
    const doc = (await t.app.inject('/api/docs')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/municipalities/{slug}');
  });

  it('serves the widget bundle for cross-origin embedding and the admin console', async () => {
    const widget = await t.app.inject('/widget.js');
    expect(widget.statusCode).toBe(200);
    expect(widget.headers['content-type']).toMatch(/javascript/);
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const admin = await t.app.inject('/admin/');
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('kommunechat admin');
  });
});
