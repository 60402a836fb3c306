import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, keyIdOf, parseFieldKeys, parseSuite } from './secrets.js';

const secret = randomBytes(32);

describe('secret box', () => {
  for (const suite of ['aes', 'sm'] as const) {
    it(`${suite}: seals, names its algorithm and key, and opens`, () => {
      const box = createSecretBox(secret, { suite });
      const sealed = box.encrypt('110105198001011234');
      expect(sealed.startsWith(`v2:${suite === 'sm' ? 'sm4' : 'aes'}:${keyIdOf(secret)}:`)).toBe(
        true,
      );
      expect(sealed).not.toContain('110105');
      expect(box.decrypt(sealed)).toBe('110105198001011234');
      expect(box.encrypt('x')).not.toBe(box.encrypt('x'));
    });

    it(`${suite}: a changed byte, or a header naming the other algorithm, is refused`, () => {
      const box = createSecretBox(secret, { suite });
      const sealed = box.encrypt('13812345678');
      const body = Buffer.from(sealed.slice(20), 'base64url');
      body[body.length - 5]! ^= 1;
      expect(() => box.decrypt(sealed.slice(0, 20) + body.toString('base64url'))).toThrow();
      const other = suite === 'sm' ? 'aes' : 'sm4';
      expect(() => box.decrypt(sealed.replace(/^v2:\w+:/, `v2:${other}:`))).toThrow();
    });
  }

  it('SM4-CTR agrees with the GB/T 32907 example: key = plaintext = 0123456789abcdeffedcba9876543210', () => {
    // The block cipher under Node's OpenSSL gives the standard's published ciphertext.
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]).toString('hex');
    expect(out).toBe('681edf34d206965e86b3e94f536e4246');
    // GB/T 32905 example 1: SM3("abc").
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('reads old data under the other suite, an older key, and the v1 form', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const old = createSecretBox(secret, { suite: 'aes', fieldKeys: [oldKey] });
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', secret, iv);
    const body = Buffer.concat([c.update('旧数据', 'utf8'), c.final()]);
    const v1 = `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
    const sealedOld = old.encrypt('旧密钥');
    const box = createSecretBox(secret, { suite: 'sm', fieldKeys: [newKey, oldKey] });
    expect(box.decrypt(sealedOld)).toBe('旧密钥');
    expect(box.decrypt(v1)).toBe('旧数据');
    expect(box.isCurrent(sealedOld)).toBe(false);
    expect(box.isCurrent(box.encrypt('新'))).toBe(true);
    expect(box.describe(sealedOld)).toEqual({ algorithm: 'aes', keyId: keyIdOf(oldKey) });
    // Without the old key, a clear message saying which key is missing (never the key itself).
    const forgetful = createSecretBox(secret, { suite: 'sm', fieldKeys: [newKey] });
    expect(() => forgetful.decrypt(sealedOld)).toThrow(new RegExp(keyIdOf(oldKey)));
  });

  it('parses key lists and suites, with Chinese messages for bad ones', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const keys = parseFieldKeys(`# 新\n${a.toString('hex')}\n${b.toString('base64')} # 旧\n`, 'f');
    expect(keys.map((k) => Buffer.from(k).toString('hex'))).toEqual([
      a.toString('hex'),
      b.toString('hex'),
    ]);
    expect(() => parseFieldKeys('abcd', 'GONGKAI_FIELD_KEYS')).toThrow(/第 1 把密钥无效/);
    expect(parseSuite(undefined)).toBe('aes');
    expect(parseSuite('SM')).toBe('sm');
    expect(() => parseSuite('des')).toThrow(/GONGKAI_CRYPTO=des 无效/);
  });
});
