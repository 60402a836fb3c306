import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type {
  CertificateAuthenticator,
  CertificateIdentity,
  CertificateResponse,
} from '../../src/services/certificate-login.js';

/**
 * A stand-in for a vendor's USB-key authenticator: a "CA" that issues certificates (here a
 * signed JSON of subject, serial and public key, not X.509) and checks a key's signature over
 * a challenge, as a real adapter checks the chain and an SM2/RSA signature.
 */
export class TestCertificateAuthenticator implements CertificateAuthenticator {
  readonly name = '测试用证书认证（非真实 CA）';
  private readonly ca = generateKeyPairSync('ed25519');
  private readonly revoked = new Set<string>();
  private serial = 0;

  /** Issues a USB key for a username: the certificate and the key that signs with it. */
  issue(username: string, displayName: string): { certificate: string; key: KeyObject } {
    const pair = generateKeyPairSync('ed25519');
    const body = JSON.stringify({
      subject: `CN=${displayName},UID=${username}`,
      serialNumber: String(++this.serial),
      issuer: 'CN=测试 CA',
      username,
      publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    });
    const caSignature = sign(null, Buffer.from(body), this.ca.privateKey).toString('base64');
    const certificate = Buffer.from(JSON.stringify({ body, caSignature })).toString('base64');
    return { certificate, key: pair.privateKey };
  }

  revoke(certificate: string): void {
    this.revoked.add(certificate);
  }

  /** What the vendor's browser client does with the key: sign the challenge. */
  static sign(key: KeyObject, challenge: string): string {
    return sign(null, Buffer.from(challenge), key).toString('base64');
  }

  async verify(response: CertificateResponse): Promise<CertificateIdentity | null> {
    if (this.revoked.has(response.certificate)) return null;
    try {
      const { body, caSignature } = JSON.parse(
        Buffer.from(response.certificate, 'base64').toString('utf8'),
      ) as { body: string; caSignature: string };
      if (!verify(null, Buffer.from(body), this.ca.publicKey, Buffer.from(caSignature, 'base64')))
        return null;
      const cert = JSON.parse(body) as CertificateIdentity & { publicKey: string };
      const { createPublicKey } = await import('node:crypto');
      const publicKey = createPublicKey({
        key: Buffer.from(cert.publicKey, 'base64'),
        format: 'der',
        type: 'spki',
      });
      const ok = verify(
        null,
        Buffer.from(response.challenge),
        publicKey,
        Buffer.from(response.signature, 'base64'),
      );
      return ok
        ? {
            subject: cert.subject,
            serialNumber: cert.serialNumber,
            issuer: cert.issuer,
            username: cert.username,
          }
        : null;
    } catch {
      return null;
    }
  }
}
