import { expect, it } from 'vitest';
import {
  CertificateChallenges,
  verifyCertificateSignIn,
} from '../../src/services/certificate-login.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { agencyIdByName, makeClerk } from '../support/applications.js';
import { bootstrapDemo, ADMIN_USERNAMES } from '../support/accounts.js';
import { TestCertificateAuthenticator } from '../support/certificate-authenticator.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('the CA certificate / USB key seam', (getStore) => {
  it('signs in the certificate holder once per challenge; a wrong key, a revoked or unknown certificate, a stale challenge are refused', async () => {
    const clock = new TestClock();
    const ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    const ca = new TestCertificateAuthenticator();
    const challenges = new CertificateChallenges(clock);
    const sysadmin = ADMIN_USERNAMES.system_admin;
    const usbKey = ca.issue(sysadmin, '系统管理员');
    const signIn = (challenge: string, certificate: string, key = usbKey.key) =>
      verifyCertificateSignIn(ctx, ca, challenges, {
        challenge,
        certificate,
        signature: TestCertificateAuthenticator.sign(key, challenge),
      });

    const challenge = challenges.issue();
    const ok = await signIn(challenge, usbKey.certificate);
    expect(ok.identity.username).toBe(sysadmin);
    const account = await ctx.store.db
      .selectFrom('user_account')
      .select('id')
      .where('username', '=', sysadmin)
      .executeTakeFirstOrThrow();
    expect(ok.userId).toBe(account.id);

    // The same challenge again (a replay): refused.
    await expect(signIn(challenge, usbKey.certificate)).rejects.toThrow(/已过期或已使用/);
    // Another person's key with this certificate: refused.
    const other = ca.issue(sysadmin, '系统管理员');
    await expect(signIn(challenges.issue(), usbKey.certificate, other.key)).rejects.toThrow(
      /证书无效或签名不符/,
    );
    // A certificate from another CA: refused.
    const foreign = new TestCertificateAuthenticator().issue(sysadmin, '系统管理员');
    await expect(signIn(challenges.issue(), foreign.certificate, foreign.key)).rejects.toThrow(
      /证书无效/,
    );
    // A certificate for nobody here.
    const stranger = ca.issue('nobody', '陌生人');
    await expect(signIn(challenges.issue(), stranger.certificate, stranger.key)).rejects.toThrow(
      /没有对应的可用账号/,
    );
    // Revoked.
    ca.revoke(usbKey.certificate);
    await expect(signIn(challenges.issue(), usbKey.certificate)).rejects.toThrow(/吊销/);
    // A challenge older than two minutes.
    const old = challenges.issue();
    clock.advance(3 * 60_000);
    await expect(signIn(old, other.certificate, other.key)).rejects.toThrow(/已过期/);
  });

  it('signs in over HTTP with the password and the certificate as second factor; a wrong one is a failed sign-in', async () => {
    const clock = new TestClock();
    const ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    const agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    const password = 'Usb-key-pass-2026';
    await makeClerk(ctx, agencyId, 'ukey', password, '证书经办');
    await makeClerk(ctx, agencyId, 'ukey2', password, '另一经办');

    // Without a vendor's authenticator the routes say so, in Chinese, to anyone.
    const bare = await testApp(ctx);
    const none = await new TestClient(bare).request('GET', '/api/v1/auth/certificate/challenge');
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toMatch(/未启用数字证书/);
    await bare.close();

    const ca = new TestCertificateAuthenticator();
    const app = await testApp(ctx, { certificateAuthenticator: ca });
    try {
      const mine = ca.issue('ukey', '证书经办');
      const theirs = ca.issue('ukey2', '另一经办');
      const attempt = async (
        username: string,
        pass: string,
        key: { certificate: string; key: typeof mine.key },
        challenge?: string,
      ) => {
        const client = new TestClient(app, '192.0.2.44');
        await client.fetchCsrf();
        const issued =
          challenge ??
          (await client.request('GET', '/api/v1/auth/certificate/challenge')).json<{
            challenge: string;
          }>().challenge;
        const response = await client.request('POST', '/api/v1/auth/certificate/login', {
          username,
          password: pass,
          challenge: issued,
          certificate: key.certificate,
          signature: TestCertificateAuthenticator.sign(key.key, issued),
        });
        return { client, response, challenge: issued };
      };

      const ok = await attempt('ukey', password, mine);
      expect(ok.response.statusCode, ok.response.body).toBe(200);
      expect(ok.response.json().secondFactor).toBe('certificate');
      expect(ok.response.json().secondFactorEnrolmentRequired).toBe(false);
      ok.client.csrfToken = ok.response.json<{ csrfToken: string }>().csrfToken;
      const me = await ok.client.request('GET', '/api/v1/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.username).toBe('ukey');

      // The same challenge again: refused, and counted as a failed sign-in.
      const replay = await attempt('ukey', password, mine, ok.challenge);
      expect(replay.response.statusCode).toBe(401);
      expect(replay.response.json().error.message).toMatch(/已过期或已使用/);
      // Someone else's certificate with this account's password: refused.
      const other = await attempt('ukey', password, theirs);
      expect(other.response.statusCode).toBe(401);
      expect(other.response.json().error.code).toBe('second_factor_invalid');
      expect(other.response.json().error.message).toMatch(/不属于此账号/);
      // The right certificate with a wrong password: refused before the certificate is looked at.
      const wrong = await attempt('ukey', 'Not-the-pass-2026', mine);
      expect(wrong.response.statusCode).toBe(401);
      expect(wrong.response.json().error.code).toBe('invalid_credentials');

      const failures = await ctx.store.db
        .selectFrom('audit_log')
        .select(['action', 'after_json'])
        .where('action', '=', 'user.login_failed')
        .where('entity_type', '=', 'user')
        .execute();
      const reasons = failures.map((f) => JSON.parse(f.after_json ?? '{}').reason as string);
      expect(reasons.sort()).toEqual(
        ['invalid_credentials', 'invalid_credentials', 'second_factor_invalid'].sort(),
      );
      const logins = await ctx.store.db
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'session.login')
        .execute();
      expect(
        logins.some((l) => JSON.parse(l.after_json ?? '{}').secondFactor === 'certificate'),
      ).toBe(true);
    } finally {
      await app.close();
    }
  });
});
