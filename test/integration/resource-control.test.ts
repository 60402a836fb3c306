/**
 * Resource control (issue 12, item 5): uploaded files are read by a bounded pool with a memory
 * limit per thread and a per-person limit of files in flight; a page nested absurdly deep is
 * refused before parsing; HSTS and Permissions-Policy behind TLS; the portal's CSRF token bound
 * to its session.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.js';
import { ReaderPool, TooManyReadsError } from '../../src/ingest/pool.js';
import { buildApp } from '../../src/server/app.js';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { TEST_CONFIG, TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { bootstrapDemo } from '../support/accounts.js';
import { agencyIdByName } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const text = (s: string) => new TextEncoder().encode(s);

/** The pathological page of the measure: 11 MB of nested elements. */
function nestedPage(bytes = 11 * 1024 * 1024): Uint8Array {
  const depth = Math.floor((bytes - 40) / 11);
  return text(`<html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`);
}

describe('the reading pool', () => {
  it('reads with at most N threads; the others wait in line and see their place', async () => {
    const pool = new ReaderPool({ workers: 1, memoryMb: 256, perOwner: 2 });
    try {
      const first = pool.read({ bytes: text('收到申请 1 件'), file: 'a.txt' }, 'wang');
      const second = pool.read({ bytes: text('收到申请 2 件'), file: 'b.txt' }, 'wang');
      const other = pool.read({ bytes: text('收到申请 3 件'), file: 'c.txt' }, 'zhao');
      expect(pool.view('wang')).toMatchObject({
        workers: 1,
        reading: 1,
        waiting: 2,
        mine: [{ file: 'b.txt', position: 1 }],
      });
      expect(pool.view('zhao').mine).toEqual([{ file: 'c.txt', position: 2 }]);
      // A third file of the same person is refused while two are in flight; others are not.
      expect(() => pool.read({ bytes: text('x'), file: 'd.txt' }, 'wang')).toThrow(
        TooManyReadsError,
      );
      const results = await Promise.all([first, second, other]);
      expect(results.map((r) => r.file)).toEqual(['a.txt', 'b.txt', 'c.txt']);
      expect(pool.view('wang')).toMatchObject({ reading: 0, waiting: 0, mine: [] });
      // Once they are read, the person may send more.
      const later = await pool.read({ bytes: text('收到申请 4 件'), file: 'e.txt' }, 'wang');
      expect(later.file).toBe('e.txt');
    } finally {
      await pool.close();
    }
  });

  it('a file needing more memory than a thread may have becomes a finding; the next file reads', async () => {
    const pool = new ReaderPool({ workers: 1, memoryMb: 64, perOwner: 2 });
    try {
      const lines = Array.from({ length: 1_000_000 }, (_, i) => `第${i}行 收到申请 ${i} 件`);
      const big = text(lines.join('\n'));
      const result = await pool.read({ bytes: big, file: 'huge.txt' }, 'wang');
      expect(result.report).toBeNull();
      expect(result.findings[0]?.message).toMatch(/内存超过上限（64 MB）/);
      const small = await pool.read(
        { bytes: text('本机关收到申请 3 件'), file: 'small.txt' },
        'wang',
      );
      expect(small.findings.some((f) => /内存/.test(f.message))).toBe(false);
    } finally {
      await pool.close();
    }
  });
});

describe('HTML nested beyond reason', () => {
  it('an 11 MB page of nested elements is refused before parsing, with a Chinese message', async () => {
    const result = await ingestFile(nestedPage(), 'deep.html');
    expect(result.report).toBeNull();
    expect(result.findings[0]).toMatchObject({ code: 'unreadable-file' });
    expect(result.findings[0]?.message).toMatch(/嵌套超过 25000 层/);
  });
});

describeEachStore('uploads through the pool, headers, the portal CSRF token', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let supervisor: TestClient;
  let agencyId: string;
  let supervisorId: string;

  beforeAll(async () => {
    ctx = testContext(getStore().store, new TestClock(new Date('2026-03-02T02:00:00Z')));
    ctx.readers = new ReaderPool({ workers: 1, memoryMb: 256, perOwner: 2 });
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市教育局');
    const user = await createUser(
      ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'sup',
        displayName: '政务公开办',
        password: 'Region-watch-2026',
        grants: [{ role: 'supervisor', regionCode: '990100' }],
        mustChangePassword: false,
      },
    );
    supervisorId = user.user.id;
    app = await testApp(ctx);
    supervisor = new TestClient(app);
    await supervisor.loginReady('sup', 'Region-watch-2026');
  });
  afterAll(async () => {
    await app?.close();
    await ctx.readers?.close();
  });

  const upload = (bytes: Uint8Array, name: string) =>
    supervisor.request('POST', `/api/v1/agencies/${agencyId}/imports/read`, Buffer.from(bytes), {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
    });

  it('refuses a third file while two of the same person are in flight (429), shows the line', async () => {
    const pool = ctx.readers!;
    const held = [
      pool.read({ bytes: text('收到申请 1 件'), file: '一.txt' }, supervisorId),
      pool.read({ bytes: text('收到申请 2 件'), file: '二.txt' }, supervisorId),
    ];
    const queue = await supervisor.request('GET', '/api/v1/imports/queue');
    expect(queue.statusCode).toBe(200);
    expect(queue.json()).toMatchObject({ workers: 1, mine: [{ file: '二.txt', position: 1 }] });
    const refused = await upload(text('收到申请 3 件'), '三.txt');
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
      /已有 2 个文件正在读取或排队/,
    );
    await Promise.all(held);
    const accepted = await upload(nestedPage(1024 * 1024), '嵌套.html');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<{ findings: { message: string }[] }>().findings[0]?.message).toMatch(
      /嵌套超过/,
    );
  });

  it('sends Permissions-Policy always, HSTS only behind TLS, and the API docs under the CSP', async () => {
    const plain = await app.inject({ url: '/portal' });
    expect(plain.headers['permissions-policy']).toContain('camera=()');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const proxied = await buildApp({ ctx, config: { ...TEST_CONFIG, trustProxy: true } });
    try {
      const tls = await proxied.inject({
        url: '/portal',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(tls.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      // A proxy is trusted only when configured: the header alone does not turn HSTS on.
      const spoofed = await app.inject({
        url: '/portal',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
    const entry = await supervisor.request('GET', '/api/docs');
    const docs =
      entry.statusCode === 302
        ? await supervisor.request('GET', new URL(entry.headers.location!, 'http://x').pathname)
        : entry;
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBe(401);
  });

  it("binds the portal's CSRF token to the visitor's session: another visitor's token fails", async () => {
    const form = async () => {
      const visitor = new TestClient(app);
      const page = await visitor.request('GET', '/portal/follow');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      return { visitor, token: token!, cookie: visitor.cookies.get('gk_csrf')! };
    };
    const a = await form();
    const b = await form();
    expect(a.token).not.toBe(a.cookie);
    const post = (who: TestClient, csrf: string) =>
      who.request(
        'POST',
        '/portal/follow',
        new URLSearchParams({ _csrf: csrf, number: '2026-00001', code: 'ABCDE-FGHJK' }).toString(),
        { 'content-type': 'application/x-www-form-urlencoded' },
      );
    // b's token with a's cookie, or a's cookie echoed as the token (plain double submit): refused.
    for (const wrong of [b.token, a.cookie]) {
      const r = await post(a.visitor, wrong);
      expect(r.statusCode).toBe(403);
      expect(r.body).toMatch(/CSRF/);
    }
    const right = await post(a.visitor, a.token);
    expect(right.statusCode).not.toBe(403);
    expect(right.body).not.toMatch(/CSRF 校验失败/);
  });
});
