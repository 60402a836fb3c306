import type { FastifyInstance } from 'fastify';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { bootstrap, DEMO_REGION } from '../../src/services/bootstrap.js';
import type { ServiceContext } from '../../src/services/context.js';
import { listVisibleAgencies } from '../../src/services/organisations.js';
import { buildApp } from '../../src/server/app.js';
import {
  serverClock,
  TEST_CONFIG,
  TEST_SECRET_HEX,
  TestClient,
  TestClock,
  testApp,
  testContext,
} from '../support/app.js';
import { describeEachStore } from '../support/stores.js';
import { ADMIN_USERNAMES, bootstrapDemo } from '../support/accounts.js';

const SYSTEM = { kind: 'system', label: '测试' } as const;
const INSTALLATION_KEY = Buffer.from(TEST_SECRET_HEX, 'hex');

describeEachStore('accounts, sessions and bad input', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  const clock = new TestClock();
  let agencyId: string;
  const adminPassword = 'Initial-pass-2026';

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrap(ctx, { demo: true, adminPassword } as Parameters<typeof bootstrap>[1]);
    const agencies = await listVisibleAgencies(ctx.store.db, {
      userId: 'x',
      username: 'x',
      displayName: 'x',
      grants: [
        { id: 'g', role: 'system_admin', agencyId: null, regionCode: null, reviewLevel: null },
      ],
    });
    agencyId = agencies[0]!.id;
    await createUser(ctx, SYSTEM, {
      username: 'clerk1',
      displayName: '张经办',
      password: 'Clerk-pass-2026',
      grants: [{ role: 'clerk', agencyId }],
      mustChangePassword: false,
    });
    app = await testApp(ctx);
  });
  afterAll(async () => {
    await app.close();
  });

  it('forces the first administrator to change the initial password before anything else', async () => {
    const client = new TestClient(app);
    const login = await client.login(ADMIN_USERNAMES.system_admin, adminPassword);
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
    const blocked = await client.request('GET', '/api/v1/agencies');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const weak = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: adminPassword,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe('newPassword');
    const changed = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: adminPassword,
      newPassword: 'Brand-new-pass-2026',
    });
    expect(changed.statusCode).toBe(200);
    // 三员 must use a second factor: nothing else until it is set up.
    const unenrolled = await client.request('GET', '/api/v1/agencies');
    expect(unenrolled.statusCode).toBe(403);
    expect(unenrolled.json().error.code).toBe('second_factor_enrolment_required');
    await client.enrolSecondFactor(ADMIN_USERNAMES.system_admin);
    const allowed = await client.request('GET', '/api/v1/agencies');
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().agencies).toHaveLength(DEMO_REGION.agencies.length);
  });

  it('sets an HttpOnly SameSite=Lax session cookie and logs out', async () => {
    const client = new TestClient(app);
    const login = await client.login('clerk1', 'Clerk-pass-2026');
    const cookie = login.cookies.find((c) => c.name === 'gk_session') as
      { httpOnly?: boolean; sameSite?: string; secure?: boolean } | undefined;
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
    expect((await client.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await client.request('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await client.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends a session after the idle timeout', async () => {
    const client = new TestClient(app);
    await client.login('clerk1', 'Clerk-pass-2026');
    clock.advance(31 * 60_000);
    const me = await client.request('GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('session_invalid');
  });

  it('answers a tampered session cookie with 401, not 500', async () => {
    const client = new TestClient(app);
    await client.login('clerk1', 'Clerk-pass-2026');
    const token = client.cookies.get('gk_session')!;
    client.cookies.set('gk_session', `${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`);
    const me = await client.request('GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('session_invalid');
    expect(me.json().error.message).toMatch(/重新登录/);
    client.cookies.set('gk_session', '"<script>\u0000');
    expect((await client.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a second login made with the stale pre-login CSRF token', async () => {
    const client = new TestClient(app);
    const stale = await client.fetchCsrf();
    const first = await client.request('POST', '/api/v1/auth/login', {
      username: 'clerk1',
      password: 'Clerk-pass-2026',
    });
    expect(first.statusCode).toBe(200);
    const again = await client.request(
      'POST',
      '/api/v1/auth/login',
      { username: 'clerk1', password: 'Clerk-pass-2026' },
      { 'x-csrf-token': stale },
    );
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('csrf_invalid');
    // Without the session either, the old anonymous token no longer matches anything.
    client.cookies.delete('gk_session');
    const replay = await client.request(
      'POST',
      '/api/v1/auth/login',
      { username: 'clerk1', password: 'Clerk-pass-2026' },
      { 'x-csrf-token': stale },
    );
    expect(replay.statusCode).toBe(403);
  });

  it('refuses a state change without the CSRF token', async () => {
    const client = new TestClient(app);
    await client.login('clerk1', 'Clerk-pass-2026');
    const response = await client.request('POST', '/api/v1/auth/logout', undefined, {
      'x-csrf-token': 'wrong',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_invalid');
  });

  it('locks an account with back-off after repeated failures, even for the right password', async () => {
    await createUser(ctx, SYSTEM, {
      username: 'victim',
      displayName: '李四',
      password: 'Target-pass-2026',
      grants: [{ role: 'clerk', agencyId }],
      mustChangePassword: false,
    });
    const client = new TestClient(app);
    for (let i = 0; i < 5; i++) {
      const r = await client.login('victim', `wrong-${i}`);
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('invalid_credentials');
    }
    const locked = await client.login('victim', 'Target-pass-2026');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBe(60);
    clock.advance(61_000);
    expect((await client.login('victim', 'wrong-again')).statusCode).toBe(401);
    const longer = await client.login('victim', 'Target-pass-2026');
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBe(120);
    clock.advance(121_000);
    expect((await client.login('victim', 'Target-pass-2026')).statusCode).toBe(200);
  });

  it('counts parallel guesses one by one: 40 at once get exactly 5 tries, then the lock', async () => {
    await createUser(ctx, SYSTEM, {
      username: 'parallel',
      displayName: '并发',
      password: 'Many-guesses-2026',
      grants: [{ role: 'clerk', agencyId }],
      mustChangePassword: false,
    });
    const client = new TestClient(app);
    await client.fetchCsrf();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.request('POST', '/api/v1/auth/login', {
          username: 'parallel',
          password: `guess-${i}-x`,
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    // Counted for the (account, address) pair, in the database.
    const row = await ctx.store.db
      .selectFrom('rate_counter')
      .select(['count', 'locked_until'])
      .where('account', '=', 'parallel')
      .where('key', 'like', 'login:pair:%')
      .executeTakeFirstOrThrow();
    expect(Number(row.count)).toBe(5);
    expect(row.locked_until).not.toBeNull();
  });

  it('counts wrong current passwords at a password change toward the lock', async () => {
    await createUser(ctx, SYSTEM, {
      username: 'changer',
      displayName: '改密',
      password: 'Update-secret-2026',
      grants: [{ role: 'clerk', agencyId }],
      mustChangePassword: false,
    });
    const client = new TestClient(app);
    await client.login('changer', 'Update-secret-2026');
    for (let i = 0; i < 5; i++) {
      const r = await client.request('POST', '/api/v1/auth/password', {
        currentPassword: `nope-${i}-x`,
        newPassword: 'Another-secret-77',
      });
      expect(r.statusCode).toBe(400);
    }
    const locked = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: 'Update-secret-2026',
      newPassword: 'Another-secret-77',
    });
    expect(locked.statusCode).toBe(429);
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const client = new TestClient(app);
    const r = await client.login('nobody-here', 'whatever-123');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('invalid_credentials');
  });

  describe('bad input', () => {
    let client: TestClient;
    beforeAll(async () => {
      client = new TestClient(app);
      await client.login('clerk1', 'Clerk-pass-2026');
    });

    it('malformed JSON → 400 malformed_json', async () => {
      const r = await client.request('POST', '/api/v1/auth/password', '{"currentPassword": "a",', {
        'content-type': 'application/json',
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('malformed_json');
      expect(r.json().error.message).toMatch(/JSON/);
    });

    it('wrong type → 400 naming the field', async () => {
      const r = await client.request('POST', '/api/v1/auth/password', {
        currentPassword: 12345,
        newPassword: 'x',
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'validation_failed', field: 'currentPassword' });
      expect(r.json().error.message).toContain('currentPassword');
    });

    it('missing field → 400 naming the field', async () => {
      const r = await client.request('POST', '/api/v1/auth/password', { currentPassword: 'abc' });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'validation_failed', field: 'newPassword' });
    });

    it('unknown field → 400 naming the field, not silently dropped', async () => {
      const r = await client.request('PUT', '/api/v1/auth/active-grant', {
        grantId: 'x',
        isAdmin: true,
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'validation_failed', field: 'isAdmin' });
    });

    it('oversize body → 413', async () => {
      const r = await client.request('POST', '/api/v1/auth/password', {
        currentPassword: 'a'.repeat(100 * 1024),
        newPassword: 'b',
      });
      expect(r.statusCode).toBe(413);
      expect(r.json().error.code).toBe('body_too_large');
    });

    it('unknown route → 404 in Chinese', async () => {
      const r = await client.request('GET', '/api/v1/nothing-here');
      expect(r.statusCode).toBe(404);
      expect(r.json().error.message).toMatch(/没有这个地址/);
    });
  });
});

describeEachStore('text the database cannot store', (getStore) => {
  it('refuses U+0000 anywhere — body, query, path — with 400 naming the field, never a 500', async () => {
    const ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    const app = await testApp(ctx);
    try {
      const client = new TestClient(app);
      await client.fetchCsrf();
      const login = await client.request('POST', '/api/v1/auth/login', {
        username: 'ad\u0000min',
        password: 'x',
      });
      expect(login.statusCode).toBe(400);
      expect(login.json().error).toMatchObject({ code: 'validation_failed', field: 'username' });
      const portal = await client.request('GET', '/portal/agencies/%00');
      expect(portal.statusCode).toBe(400);
      const api = await client.request('GET', '/api/v1/agencies/%00');
      expect(api.statusCode).toBe(400);
      await client.loginReady(ADMIN_USERNAMES.system_admin, 'First-pass-2026');
      const agencies = (await client.request('GET', '/api/v1/agencies')).json<{
        agencies: { id: string }[];
      }>().agencies;
      const patch = await client.request('PATCH', `/api/v1/agencies/${agencies[0]!.id}`, {
        officeHours: '9:00\u0000',
      });
      expect(patch.statusCode).toBe(400);
      expect(patch.json().error.field).toBe('officeHours');
    } finally {
      await app.close();
    }
  });

  it('answers an anonymous upload with 401 before reading its body', async () => {
    const ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    const app = await testApp(ctx);
    try {
      const { id } = await ctx.store.db.selectFrom('agency').select('id').executeTakeFirstOrThrow();
      let read = false;
      const body = new (await import('node:stream')).Readable({
        read() {
          read = true;
          this.push(null);
        },
      });
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/agencies/${id}/imports/read`,
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.txt' },
        payload: body,
      });
      expect(r.statusCode).toBe(401);
      expect(read).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describeEachStore('sessions over time and behind a proxy', (getStore) => {
  it('ends a session at its absolute expiry however active it is, and removes expired ones', async () => {
    const clock = new TestClock();
    // One installation, one key: the second test signs in to the same accounts.
    const ctx = testContext(getStore().store, clock, INSTALLATION_KEY);
    await bootstrapDemo(ctx);
    const app = await testApp(ctx);
    try {
      const client = new TestClient(app);
      await client.loginReady(ADMIN_USERNAMES.system_admin, 'First-pass-2026');
      // Active every 20 minutes for 11.5 hours: never idle, still signed in.
      for (let i = 0; i < 35; i++) {
        clock.advance(20 * 60_000);
        expect((await client.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
      }
      clock.advance(40 * 60_000);
      const after = await client.request('GET', '/api/v1/auth/me');
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('session_invalid');
      // A session nobody uses again is removed once it has expired, when anyone signs in.
      const forgotten = new TestClient(app);
      await forgotten.loginReady(ADMIN_USERNAMES.system_admin, 'First-pass-2026x9');
      clock.advance(13 * 3600_000);
      await new TestClient(app).loginReady(ADMIN_USERNAMES.system_admin, 'First-pass-2026x9');
      const sessions = await ctx.store.db.selectFrom('session').select('expires_at').execute();
      expect(sessions).toHaveLength(1);
      expect(sessions[0]!.expires_at > clock.now().toISOString()).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('marks the session cookie Secure behind a TLS-terminating proxy when told to trust it', async () => {
    const ctx = testContext(getStore().store, new TestClock(), INSTALLATION_KEY);
    await bootstrapDemo(ctx);
    const app = await buildApp({
      ctx,
      config: { ...TEST_CONFIG, trustProxy: true },
      logger: false,
    });
    await app.ready();
    serverClock(app, ctx.clock);
    try {
      const client = new TestClient(app);
      await client.fetchCsrf();
      const login = await client.request(
        'POST',
        '/api/v1/auth/login',
        {
          username: ADMIN_USERNAMES.system_admin,
          password: 'First-pass-2026x9',
          code: client.nextCode(ADMIN_USERNAMES.system_admin),
        },
        { 'x-forwarded-proto': 'https' },
      );
      expect(login.statusCode, login.body).toBe(200);
      expect(String(login.headers['set-cookie'])).toMatch(
        /gk_session=[^;]+;.*HttpOnly; Secure; SameSite=Lax/,
      );
      // Without the proxy's word for it, a plain-HTTP request gets no Secure flag.
      const plain = new TestClient(app);
      await plain.fetchCsrf();
      const direct = await plain.request('POST', '/api/v1/auth/login', {
        username: ADMIN_USERNAMES.system_admin,
        password: 'First-pass-2026x9',
        code: plain.nextCode(ADMIN_USERNAMES.system_admin),
      });
      expect(String(direct.headers['set-cookie'])).not.toMatch(/Secure/);
    } finally {
      await app.close();
    }
  });

  it('keeps a sane x-request-id, replaces an unbounded one, and answers a malformed URL in Chinese', async () => {
    const app = await testApp(testContext(getStore().store));
    try {
      const ok = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-42' } });
      expect(ok.headers['x-request-id']).toBe('trace-42');
      const long = await app.inject({
        url: '/healthz',
        headers: { 'x-request-id': 'x'.repeat(3000) },
      });
      expect(String(long.headers['x-request-id']).length).toBeLessThanOrEqual(64);
      const bad = await app.inject({ url: '/api/v1/agencies/%zz' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/无法识别的字符/);
      expect(bad.json().error.requestId).toBeTruthy();
    } finally {
      await app.close();
    }
  });
});
