import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { shutDown } from '../../src/cli/commands/serve.js';
import { TEST_CONFIG, testApp, testContext } from '../support/app.js';
import { bootstrapDemo, signInAdministrator } from '../support/accounts.js';
import { STORE_DIALECTS, createTestStore, describeEachStore } from '../support/stores.js';

describeEachStore('server basics', (getStore) => {
  it('answers /healthz and /readyz, echoes request ids and sets security headers', async () => {
    const app = await testApp(testContext(getStore().store));
    const health = await app.inject({ url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz', headers: { 'x-request-id': 'abc-123' } });
    expect(ready.statusCode).toBe(200);
    expect(ready.headers['x-request-id']).toBe('abc-123');
    expect(ready.headers['x-content-type-options']).toBe('nosniff');
    expect(ready.headers['x-frame-options']).toBe('DENY');
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/portal');
    await app.close();
  });

  it('publishes an OpenAPI document listing the API, to signed-in staff only', async () => {
    const ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    const app = await testApp(ctx);
    const staffCookie = async () => (await signInAdministrator(app, 'system_admin')).cookieHeader();
    expect((await app.inject({ url: '/api/docs/json' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBe(401);
    const doc = (
      await app.inject({ url: '/api/docs/json', headers: { cookie: await staffCookie() } })
    ).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/agencies/{agencyId}/users']),
    );
    expect(
      (await app.inject({ url: '/api/docs', headers: { cookie: await staffCookie() } })).statusCode,
    ).toBeLessThan(400);
    await app.close();
  });
});

for (const dialect of STORE_DIALECTS) {
  const unavailable = dialect === 'postgres' ? inject('postgresUnavailable') : null;
  (unavailable ? describe.skip : describe)(`lifecycle [${dialect}]`, () => {
    it('reports not ready when the store is gone', async () => {
      const test = await createTestStore(dialect);
      const app = await testApp(testContext(test.store));
      await test.drop();
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().message).toMatch(/数据库/);
      await app.close();
    });

    it('finishes an in-flight request before closing, then closes the store', async () => {
      const test = await createTestStore(dialect);
      const app = await buildApp({
        ctx: testContext(test.store),
        config: TEST_CONFIG,
        logger: false,
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;

      // A request whose body is still arriving when shutdown begins.
      const responded = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/auth/login',
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.write('{"username": "someone", ');
        setTimeout(() => req.end('"password": "x"}'), 300);
      });
      await new Promise((r) => setTimeout(r, 100));
      const closed = shutDown(app, test.store.close);
      const { status, body } = await responded;
      await closed;
      // The request was answered (403: it carried no CSRF token), not cut off.
      expect(status).toBe(403);
      expect(JSON.parse(body).error.code).toBe('csrf_invalid');
      await expect(test.store.db.selectFrom('region').selectAll().execute()).rejects.toThrow();
      await test.drop().catch(() => undefined);
    });
  });
}
