/**
 * A seam for signing in with a CA certificate on a USB key (数字证书 / UKey), as many government
 * networks require: gongkai issues a one-time challenge, the person's key signs it (in the
 * browser through the vendor's local client), and an authenticator — the vendor's, plugged in
 * here; none is bundled — checks the certificate chain and the signature and names the
 * certificate's subject. gongkai then maps that subject to an account and counts it as a
 * second factor. TestCertificateAuthenticator (test/support) stands in for a vendor in tests.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { findUserByUsername } from '../store/repositories/accounts.js';
import type { ServiceContext } from './context.js';

/** What a verified certificate says about its holder. */
export interface CertificateIdentity {
  /** The subject's distinguished name, e.g. `CN=王经办,OU=示范市教育局,O=示范市`. */
  subject: string;
  serialNumber: string;
  issuer: string;
  /** The gongkai username the certificate belongs to (from the subject, or a mapping table). */
  username: string;
}

/** The signed answer the browser sends back. */
export interface CertificateResponse {
  challenge: string;
  /** The certificate, PEM or base64 DER, as the vendor's client gives it. */
  certificate: string;
  /** The key's signature over the challenge, base64. */
  signature: string;
}

/** Implemented by a vendor adapter (SM2 or RSA; chain and revocation checked by it). */
export interface CertificateAuthenticator {
  readonly name: string;
  /** The identity the certificate proves, or null when the chain or the signature fails. */
  verify(response: CertificateResponse): Promise<CertificateIdentity | null>;
}

const CHALLENGE_TTL_MS = 2 * 60_000;
/** Challenges are asked for without signing in: at most this many are kept (oldest dropped). */
const MAX_OUTSTANDING = 10_000;

/** One-time challenges: each is good once, for two minutes. */
export class CertificateChallenges {
  private readonly issued = new Map<string, number>();
  constructor(private readonly clock: ServiceContext['clock']) {}

  issue(): string {
    const now = this.clock.now().getTime();
    for (const [c, at] of this.issued) if (now - at > CHALLENGE_TTL_MS) this.issued.delete(c);
    while (this.issued.size >= MAX_OUTSTANDING) {
      this.issued.delete(this.issued.keys().next().value!);
    }
    const challenge = randomBytes(32).toString('base64url');
    this.issued.set(challenge, now);
    return challenge;
  }

  /** Uses the challenge up; false when it was never issued, already used or too old. */
  consume(challenge: string): boolean {
    const at = this.issued.get(challenge);
    this.issued.delete(challenge);
    return at !== undefined && this.clock.now().getTime() - at <= CHALLENGE_TTL_MS;
  }
}

/**
 * Checks a certificate sign-in and names the account it proves: the challenge must be fresh
 * and unused, the authenticator must accept the certificate and signature, and the account must
 * exist and be active. Chinese messages say what to do.
 */
export async function verifyCertificateSignIn(
  ctx: Pick<ServiceContext, 'store'>,
  authenticator: CertificateAuthenticator,
  challenges: CertificateChallenges,
  response: CertificateResponse,
): Promise<{ userId: string; identity: CertificateIdentity }> {
  if (!challenges.consume(response.challenge)) {
    throw new AppError(
      'invalid_credentials',
      '证书登录的验证码已过期或已使用：请刷新登录页，重新插入证书后再试。',
    );
  }
  const identity = await authenticator.verify(response);
  if (!identity) {
    throw new AppError(
      'invalid_credentials',
      '证书无效或签名不符：请确认插入的是本人的数字证书，且证书在有效期内、未被吊销。',
    );
  }
  const user = await findUserByUsername(ctx.store.db, identity.username);
  if (!user || user.disabled) {
    throw new AppError(
      'invalid_credentials',
      `证书（${identity.subject}）没有对应的可用账号：请联系系统管理员开通或绑定账号。`,
    );
  }
  return { userId: user.id, identity };
}
