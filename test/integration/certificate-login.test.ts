import { expect, it } from 'vitest';
import {
  CertificateChallenges,
  verifyCertificateSignIn,
} from '../../src/services/certificate-login.js';
import { TestClock, testContext } from '../support/app.js';
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
});
