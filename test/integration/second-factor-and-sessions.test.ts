/**
 * 身份鉴别 and 会话控制: the TOTP second factor (enrolment, codes good once, recovery codes),
 * the password policy (expiry with warning, history, common passwords, the security
 * administrator's settings), the concurrent-session limit with "sign out elsewhere", and
 * re-authentication before revealing personal data, changing roles or exporting the register.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bootstrapDemo, signInAdministrator } from '../support/accounts.js';
import {
  TEST_SECRET_HEX,
  TestClient,
  TestClock,
  testApp,
  testContext,
  totpCode,
} from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Factor-secret-2026';

describeEachStore('second factor, password policy and sessions', (getStore) => {
  const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
  let app: FastifyInstance;
  let agencyId: string;

  beforeAll(async () => {
    const ctx = testContext(getStore().store, clock, Buffer.from(TEST_SECRET_HEX, 'hex'));
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    for (const name of ['tian', 'lin', 'heping', 'mali'])
      await makeClerk(ctx, agencyId, name, PASSWORD);
    app = await testApp(ctx);
  });
  afterAll(async () => app?.close());

  it('enrols TOTP with a real code, then asks for a code at sign-in; a code is good once; a recovery code once', async () => {
    const phone = new TestClient(app);
    await phone.loginReady('tian', PASSWORD);
    const begun = (await phone.request('POST', '/api/v1/auth/second-factor/enrolment')).json<{
      secret: string;
      uri: string;
      qrCode: string;
    }>();
    expect(begun.uri).toMatch(/^otpauth:\/\/totp\/gongkai:tian\?.*secret=/);
    expect(begun.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(begun.qrCode.split(',')[1]!, 'base64').toString()).toMatch(/<svg/);
    const step = Math.floor(clock.now().getTime() / 30_000);
    const wrong = await phone.request('POST', '/api/v1/auth/second-factor/confirm', {
      code: '000000' === totpCode(begun.secret, step) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/验证码不正确/);
    const confirmed = await phone.request('POST', '/api/v1/auth/second-factor/confirm', {
      code: totpCode(begun.secret, step),
    });
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(codes).toHaveLength(10);
    // Only hashes are kept.
    const stored = await getStore()
      .store.db.selectFrom('recovery_code')
      .select('code_hash')
      .execute();
    expect(stored.some((r) => codes.includes(r.code_hash))).toBe(false);

    const next = new TestClient(app);
    const noCode = await next.login('tian', PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error).toMatchObject({ code: 'second_factor_required', field: 'code' });
    // The code just used to confirm is refused: good once.
    const replay = await next.login('tian', PASSWORD, totpCode(begun.secret, step));
    expect(replay.json().error.code).toBe('second_factor_invalid');
    clock.advance(30_000);
    const ok = await next.login('tian', PASSWORD, totpCode(begun.secret, step + 1));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().secondFactor).toBe('totp');

    const lost = new TestClient(app);
    const recovered = await lost.login('tian', PASSWORD, codes[3]!.toUpperCase());
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json()).toMatchObject({ secondFactor: 'recovery', recoveryCodesLeft: 9 });
    expect((await new TestClient(app).login('tian', PASSWORD, codes[3])).statusCode).toBe(401);
  });

  it('makes an agency’s staff set up a second factor when the agency requires it', async () => {
    const sec = await signInAdministrator(app, 'security_admin');
    const set = await sec.request('PUT', `/api/v1/agencies/${agencyId}/security`, {
      secondFactorRequired: true,
    });
    expect(set.statusCode).toBe(200);
    const lin = new TestClient(app);
    const login = await lin.login('lin', PASSWORD);
    expect(login.json().secondFactorEnrolmentRequired).toBe(true);
    const blocked = await lin.request('GET', `/api/v1/agencies/${agencyId}/applications`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('second_factor_enrolment_required');
    await lin.enrolSecondFactor('lin');
    expect((await lin.request('GET', `/api/v1/agencies/${agencyId}/applications`)).statusCode).toBe(
      200,
    );
    // Required: the holder cannot turn it off.
    const off = await lin.request('DELETE', '/api/v1/auth/second-factor');
    expect(off.statusCode).toBe(409);
    expect(off.json().error.message).toMatch(/不能停用/);
    await sec.request('PUT', `/api/v1/agencies/${agencyId}/security`, {
      secondFactorRequired: false,
    });
  });

  it('ends the oldest session at the fourth sign-in, lists one’s own sessions and signs out elsewhere', async () => {
    const devices = [0, 1, 2, 3].map((i) => new TestClient(app, `10.9.0.${i + 1}`));
    for (const d of devices) {
      await d.loginReady('heping', PASSWORD);
      clock.advance(1000);
    }
    expect((await devices[0]!.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const listed = await devices[3]!.request('GET', '/api/v1/auth/sessions');
    const { sessions, limit } = listed.json<{
      sessions: { id: string; ip: string; current: boolean }[];
      limit: number;
    }>();
    expect(limit).toBe(3);
    expect(sessions.map((s) => [s.ip, s.current])).toEqual([
      ['10.9.0.4', true],
      ['10.9.0.3', false],
      ['10.9.0.2', false],
    ]);
    const one = await devices[3]!.request('DELETE', `/api/v1/auth/sessions/${sessions[2]!.id}`);
    expect(one.json()).toEqual({ ended: 1 });
    expect((await devices[1]!.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const others = await devices[3]!.request('POST', '/api/v1/auth/sessions/sign-out-others');
    expect(others.json()).toEqual({ ended: 1 });
    expect((await devices[2]!.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await devices[3]!.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    // Someone else's session cannot be ended by its shown id.
    const stranger = new TestClient(app);
    await stranger.loginReady('mali', PASSWORD);
    const mine = (await stranger.request('GET', '/api/v1/auth/sessions')).json<{
      sessions: { id: string }[];
    }>().sessions[0]!.id;
    expect((await devices[3]!.request('DELETE', `/api/v1/auth/sessions/${mine}`)).statusCode).toBe(
      404,
    );
  });

  it('asks for the password again before revealing personal data or exporting the register, a few minutes after signing in', async () => {
    const ma = new TestClient(app);
    await ma.loginReady('mali', PASSWORD);
    const registered = await ma.request('POST', `/api/v1/agencies/${agencyId}/applications`, {
      ...personApplication({ name: '身份人' }),
      channel: 'in_person',
      receivedOn: '2026-03-02',
    });
    const id = registered.json<{ application: { id: string } }>().application.id;
    const reveal = () =>
      ma.request('POST', `/api/v1/agencies/${agencyId}/applications/${id}/reveal`);
    expect((await reveal()).statusCode).toBe(200);
    clock.advance(6 * 60_000);
    const stale = await reveal();
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error).toMatchObject({ code: 'reauth_required', reauthMinutes: 5 });
    const register = await ma.request(
      'GET',
      `/api/v1/agencies/${agencyId}/application-register.csv`,
    );
    expect(register.json().error.code).toBe('reauth_required');
    const wrong = await ma.request('POST', '/api/v1/auth/reauth', { password: 'Not-my-pass-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('password');
    expect(
      (await ma.request('POST', '/api/v1/auth/reauth', { password: PASSWORD })).statusCode,
    ).toBe(200);
    expect((await reveal()).statusCode).toBe(200);
    expect(
      (await ma.request('GET', `/api/v1/agencies/${agencyId}/application-register.csv`)).statusCode,
    ).toBe(200);
  });

  it('expires a password after 90 days with a warning in the last 7, and refuses the latest five and common ones', async () => {
    const start = clock.now();
    const ma = new TestClient(app);
    clock.set(new Date(start.getTime() + 85 * 86_400_000));
    const warned = await ma.login('mali', PASSWORD);
    expect(warned.json()).toMatchObject({ mustChangePassword: false, passwordExpiresInDays: 5 });
    clock.set(new Date(start.getTime() + 91 * 86_400_000));
    const expired = await ma.login('mali', PASSWORD);
    expect(expired.json()).toMatchObject({ mustChangePassword: true, passwordExpired: true });
    const blocked = await ma.request('GET', '/api/v1/agencies');
    expect(blocked.json().error).toMatchObject({ code: 'password_change_required' });
    expect(blocked.json().error.message).toMatch(/已过有效期/);

    const change = (currentPassword: string, newPassword: string) =>
      ma.request('POST', '/api/v1/auth/password', { currentPassword, newPassword });
    expect((await change(PASSWORD, PASSWORD)).json().error.message).toMatch(/最近 5 次/);
    expect((await change(PASSWORD, 'Password-2026!')).json().error.message).toMatch(/常见密码/);
    expect((await change(PASSWORD, 'lowercase-only')).json().error.message).toMatch(/至少 3 类/);
    let current = PASSWORD;
    for (let i = 1; i <= 5; i++) {
      const next = `Kestrel-${i}-Ledger`;
      const changed = await change(current, next);
      expect(changed.statusCode, changed.body).toBe(200);
      current = next;
    }
    // Five changes later the first password may come back, the last five may not.
    expect((await change(current, 'Kestrel-2-Ledger')).json().error.message).toMatch(/最近 5 次/);
    expect((await change(current, PASSWORD)).statusCode).toBe(200);
  });

  it('lets the security administrator set the policy, with every mistake named', async () => {
    const sec = await signInAdministrator(app, 'security_admin');
    const bad = await sec.request('PUT', '/api/v1/security/policy', {
      password: { minLength: 12, minClasses: 4, expiryDays: 5, warnDays: 7, historyCount: 5 },
      sessions: { maxSessions: 2, reauthMinutes: 5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('password.warnDays');
    const saved = await sec.request('PUT', '/api/v1/security/policy', {
      password: { minLength: 12, minClasses: 4, expiryDays: 60, warnDays: 7, historyCount: 5 },
      sessions: { maxSessions: 2, reauthMinutes: 5 },
    });
    expect(saved.statusCode).toBe(200);
    const policy = await sec.request('GET', '/api/v1/security/policy');
    expect(policy.json().policy.password.minLength).toBe(12);
    // Everyone's password form follows it; nobody else reads or changes the policy itself.
    const clerk = new TestClient(app);
    await clerk.loginReady('heping', PASSWORD, 'Four-classes-2026');
    const rules = await clerk.request('GET', '/api/v1/auth/password-policy');
    expect(rules.json().text).toMatch(/至少 12 位，须同时包含大写字母、小写字母、数字和符号/);
    expect((await clerk.request('GET', '/api/v1/security/policy')).statusCode).toBe(403);
    expect(
      (await clerk.request('PUT', '/api/v1/security/policy', policy.json().policy)).statusCode,
    ).toBe(403);
  });
});
