import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Encrypts personal data (ID numbers, contact details, second-factor secrets) at rest. Two
 * algorithm suites, chosen at deployment (GONGKAI_CRYPTO):
 *
 * - `aes`: AES-256-GCM (the default);
 * - `sm`: 国密 SM4 (GB/T 32907) in CTR mode with an HMAC-SM3 (GB/T 32905) tag over the header,
 *   the counter block and the ciphertext (encrypt-then-MAC). Node's OpenSSL offers `sm4-ctr`
 *   and `sm3` but no SM4-GCM.
 *
 * A sealed value names its algorithm and its key: `v2:aes:<key id>:<base64url>` or
 * `v2:sm4:<key id>:<base64url>`, so data sealed under another suite or an older key still reads
 * while `gongkai secrets rotate` re-seals it. The key id is a fingerprint (8 hex characters of an
 * HMAC of the key), never the key. Values from before (`v1:` + base64url(iv | tag | ciphertext))
 * are AES-256-GCM under the installation's secret.
 */
export type CryptoSuite = 'aes' | 'sm';
export type SealAlgorithm = 'aes' | 'sm4';

export const CRYPTO_SUITES: readonly CryptoSuite[] = ['aes', 'sm'];

/** How a deployment encrypts: the suite, and the field keys (the first seals, all open). */
export interface CryptoSettings {
  suite: CryptoSuite;
  /** 32-byte field keys, newest first; absent = the installation's secret alone. */
  fieldKeys?: readonly Uint8Array[];
}

export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Whether a sealed value is already under the algorithm and key this box seals with. */
  isCurrent(sealed: string): boolean;
  /** The algorithm and key id a sealed value names (`v1` values: aes and the legacy key). */
  describe(sealed: string): { algorithm: SealAlgorithm; keyId: string | null };
  /** The id of the key this box seals with. */
  readonly keyId: string;
  readonly algorithm: SealAlgorithm;
}

/** The public fingerprint of a key: 8 hex characters, safe to show and to store. */
export function keyIdOf(key: Uint8Array): string {
  return createHmac('sha256', key).update('gongkai field key id').digest('hex').slice(0, 8);
}

/** The HMAC digest of the audit chain and other keyed hashes of a suite. */
export function macDigestOf(suite: CryptoSuite): 'sha256' | 'sm3' {
  return suite === 'sm' ? 'sm3' : 'sha256';
}

/** The suite named by GONGKAI_CRYPTO (unset: aes). */
export function parseSuite(raw: string | undefined): CryptoSuite {
  if (raw === undefined || raw === '') return 'aes';
  const value = raw.trim().toLowerCase();
  if (value === 'aes' || value === 'sm') return value;
  throw new Error(
    `环境变量 GONGKAI_CRYPTO=${raw} 无效：应为 aes（AES-256-GCM 与 HMAC-SHA256）或 sm（国密 SM4 与 SM3）。`,
  );
}

const smKeys = (key: Uint8Array) => ({
  enc: Buffer.from(hkdfSync('sm3', key, 'gongkai', 'sm4-ctr field encryption', 16)),
  mac: Buffer.from(hkdfSync('sm3', key, 'gongkai', 'hmac-sm3 field tag', 32)),
});

const SM_TAG_BYTES = 32;

function sealAes(key: Uint8Array, header: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return header + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function openAes(key: Uint8Array, header: string | null, raw: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  if (header !== null) decipher.setAAD(Buffer.from(header));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function sealSm4(keys: ReturnType<typeof smKeys>, header: string, plain: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-ctr', keys.enc, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = createHmac('sm3', keys.mac).update(header).update(iv).update(body).digest();
  return header + Buffer.concat([iv, body, tag]).toString('base64url');
}

function openSm4(keys: ReturnType<typeof smKeys>, header: string, raw: Buffer): string {
  if (raw.length < 16 + SM_TAG_BYTES) throw new Error('密文不完整。');
  const iv = raw.subarray(0, 16);
  const body = raw.subarray(16, raw.length - SM_TAG_BYTES);
  const tag = raw.subarray(raw.length - SM_TAG_BYTES);
  const expected = createHmac('sm3', keys.mac).update(header).update(iv).update(body).digest();
  if (!timingSafeEqual(tag, expected)) throw new Error('密文校验失败：数据被改动或密钥不符。');
  const decipher = createDecipheriv('sm4-ctr', keys.enc, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

const SEALED = /^v2:(aes|sm4):([0-9a-f]{8}):/;

/**
 * A box over the installation's secret and the deployment's field keys. `secret` is the
 * installation's secret: values sealed before field keys existed (`v1:`) are opened with it, and
 * it is the field key when no other is configured.
 */
export function createSecretBox(secret: Uint8Array, settings?: CryptoSettings): SecretBox {
  if (secret.length !== 32) throw new Error('加密密钥必须是 32 字节。');
  const suite = settings?.suite ?? 'aes';
  const fieldKeys = settings?.fieldKeys?.length ? settings.fieldKeys : [secret];
  for (const k of fieldKeys) if (k.length !== 32) throw new Error('加密密钥必须是 32 字节。');
  const byId = new Map<string, Uint8Array>();
  for (const k of [...fieldKeys, secret]) {
    const id = keyIdOf(k);
    if (!byId.has(id)) byId.set(id, k);
  }
  const sealKey = fieldKeys[0]!;
  const keyId = keyIdOf(sealKey);
  const algorithm: SealAlgorithm = suite === 'sm' ? 'sm4' : 'aes';
  const sealHeader = `v2:${algorithm}:${keyId}:`;
  const smCache = new Map<string, ReturnType<typeof smKeys>>();
  const smOf = (id: string, key: Uint8Array) => {
    let keys = smCache.get(id);
    if (!keys) smCache.set(id, (keys = smKeys(key)));
    return keys;
  };

  return {
    keyId,
    algorithm,
    encrypt(plain) {
      return algorithm === 'sm4'
        ? sealSm4(smOf(keyId, sealKey), sealHeader, plain)
        : sealAes(sealKey, sealHeader, plain);
    },
    decrypt(sealed) {
      if (sealed.startsWith('v1:')) {
        return openAes(secret, null, Buffer.from(sealed.slice(3), 'base64url'));
      }
      const match = SEALED.exec(sealed);
      if (!match) throw new Error('无法识别的密文格式。');
      const [header, alg, id] = match as unknown as [string, SealAlgorithm, string];
      const key = byId.get(id);
      if (!key) {
        throw new Error(
          `密文由密钥 ${id} 加密，而当前配置中没有这把密钥：请把它加回 GONGKAI_FIELD_KEYS（或密钥文件）的旧密钥中。`,
        );
      }
      const raw = Buffer.from(sealed.slice(header.length), 'base64url');
      return alg === 'sm4' ? openSm4(smOf(id, key), header, raw) : openAes(key, header, raw);
    },
    isCurrent(sealed) {
      return sealed.startsWith(sealHeader);
    },
    describe(sealed) {
      if (sealed.startsWith('v1:')) return { algorithm: 'aes', keyId: keyIdOf(secret) };
      const match = SEALED.exec(sealed);
      return match
        ? { algorithm: match[1] as SealAlgorithm, keyId: match[2]! }
        : { algorithm: 'aes', keyId: null };
    },
  };
}

/** Parses field keys as given in GONGKAI_FIELD_KEYS or a key file: hex or base64, newest first. */
export function parseFieldKeys(text: string, source: string): Uint8Array[] {
  const keys: Uint8Array[] = [];
  const tokens = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join(' ')
    .split(/[\s,]+/)
    .filter((t) => t !== '');
  for (const token of tokens) {
    const raw = /^[0-9a-f]{64}$/i.test(token)
      ? Buffer.from(token, 'hex')
      : Buffer.from(token, 'base64');
    if (raw.length !== 32) {
      throw new Error(
        `${source} 中第 ${keys.length + 1} 把密钥无效：每把应为 32 字节（64 位十六进制或 base64），可用 openssl rand -hex 32 生成。`,
      );
    }
    keys.push(raw);
  }
  return keys;
}

const boxes = new WeakMap<object, SecretBox>();

/** The secret box of a service context (one per context: key ids are computed once). */
export function secretBoxOf(ctx: { secretKey: Uint8Array; crypto?: CryptoSettings }): SecretBox {
  let box = boxes.get(ctx);
  if (!box) boxes.set(ctx, (box = createSecretBox(ctx.secretKey, ctx.crypto)));
  return box;
}
