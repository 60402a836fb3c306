/**
 * The second factor (身份鉴别: 两种或两种以上组合的鉴别技术): TOTP (RFC 6238) with any
 * authenticator app — enrolment with a QR code drawn here (no network), ten recovery codes
 * shown once and kept only as keyed hashes — and the seam for a CA certificate / USB key.
 *
 * otpauth implements RFC 4226/6238 (widely used, no dependencies but @noble/hashes);
 * @paulmillr/qr draws the QR code as SVG without any dependency or network.
 */
import { createHmac, hkdfSync, randomBytes, randomInt, randomUUID } from 'node:crypto';
import encodeQR from '@paulmillr/qr';
import { Secret, TOTP } from 'otpauth';
import { AppError, invalidField } from '../core/errors.js';
import type { Db, Trx } from '../store/database.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { secretBoxOf } from './secrets.js';
import { secondFactorRequired } from './security-policy.js';
import { raiseAlert } from './security-alerts.js';
import { isAdministratorRole, ROLE_LABELS, type Role } from '../core/auth/roles.js';

const PERIOD = 30;
const DIGITS = 6;
const ISSUER = 'gongkai';
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** How a person proved the second factor at sign-in. */
export type SecondFactorMethod = 'totp' | 'recovery' | 'certificate';

export const SECOND_FACTOR_LABELS: Record<SecondFactorMethod, string> = {
  totp: '验证器动态码',
  recovery: '恢复码',
  certificate: '数字证书（USB Key）',
};

const totpOf = (secretBase32: string, label: string) =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });

const recoveryKey = (secretKey: Uint8Array) =>
  Buffer.from(hkdfSync('sha256', secretKey, 'gongkai', 'recovery-codes', 32));

/** A recovery code's stored form: keyed, so a copy of the database alone cannot test guesses. */
const recoveryHash = (secretKey: Uint8Array, userId: string, code: string) =>
  createHmac('sha256', recoveryKey(secretKey))
    .update(`${userId}:${normaliseRecoveryCode(code)}`)
    .digest('hex');

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
}

async function findSecondFactor(db: Db, userId: string) {
  return db
    .selectFrom('second_factor')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Whether the account has a confirmed second factor. */
export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  const row = await findSecondFactor(db, userId);
  return !!row?.confirmed_at;
}

export async function secondFactorStatus(
  db: Db,
  userId: string,
  grants: readonly { role: Role; agencyId: string | null }[],
): Promise<SecondFactorStatus> {
  const row = await findSecondFactor(db, userId);
  const left = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    enrolled: !!row?.confirmed_at,
    confirmedAt: row?.confirmed_at ?? null,
    recoveryCodesLeft: row?.confirmed_at ? Number(left.n) : 0,
    required: await secondFactorRequired(db, grants),
  };
}

export interface Enrolment {
  /** The secret in base32, for typing into an app that cannot scan. */
  secret: string;
  /** otpauth://totp/… — what the QR code holds. */
  uri: string;
  /** The QR code as an SVG data URI (drawn here; the page needs no network). */
  qrCode: string;
}

/** Starts (or starts again) enrolment: a fresh secret, not in force until a code confirms it. */
export async function beginEnrolment(ctx: ServiceContext, actor: UserActor): Promise<Enrolment> {
  const userId = actor.principal.userId;
  const existing = await findSecondFactor(ctx.store.db, userId);
  if (existing?.confirmed_at) {
    throw new AppError(
      'conflict',
      '您已开启两步验证。如需更换手机，请先停用再重新设置；丢失手机请联系安全管理员重置。',
    );
  }
  const secret = new Secret({ buffer: new Uint8Array(randomBytes(20)).buffer });
  const box = secretBoxOf(ctx);
  const now = ctx.clock.now().toISOString();
  await ctx.store.db
    .insertInto('second_factor')
    .values({
      user_id: userId,
      kind: 'totp',
      secret_sealed: box.encrypt(secret.base32),
      confirmed_at: null,
      last_step: null,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        secret_sealed: box.encrypt(secret.base32),
        confirmed_at: null,
        last_step: null,
        created_at: now,
      }),
    )
    .execute();
  const uri = totpOf(secret.base32, actor.principal.username).toString();
  const svg = encodeQR(uri, 'svg', { ecc: 'medium', border: 2, scale: 4 });
  return {
    secret: secret.base32,
    uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

/**
 * The 30-second step a code is valid for (±1 step of clock drift), or null. A step at or
 * before the last one used is refused: a code is good once.
 */
function matchStep(
  secretBase32: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secretBase32, 'x').validate({
    token,
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Confirms enrolment with a first code; returns the recovery codes, shown this once. */
export async function confirmEnrolment(
  ctx: ServiceContext,
  actor: UserActor,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const userId = actor.principal.userId;
  return ctx.store.transaction(async (t) => {
    const row = await findSecondFactor(t, userId);
    if (!row) throw invalidField('code', '请先点“开始设置”，用验证器扫描二维码后再输入验证码。');
    if (row.confirmed_at) throw new AppError('conflict', '两步验证已经开启，无需再次确认。');
    const secret = secretBoxOf(ctx).decrypt(row.secret_sealed);
    const now = ctx.clock.now();
    const step = matchStep(secret, code, now, row.last_step);
    if (step === null) {
      throw invalidField(
        'code',
        '验证码不正确。请确认手机时间准确，输入验证器上当前显示的 6 位数字（每 30 秒更新）。',
      );
    }
    await t
      .updateTable('second_factor')
      .set({ confirmed_at: now.toISOString(), last_step: step })
      .where('user_id', '=', userId)
      .execute();
    const recoveryCodes = await replaceRecoveryCodes(ctx, t, userId, now);
    await recordChange(ctx, t, actor, now, {
      action: 'user.second_factor_enrol',
      entityType: 'user',
      entityId: userId,
      after: { kind: 'totp', recoveryCodes: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}

async function replaceRecoveryCodes(
  ctx: ServiceContext,
  t: Trx,
  userId: string,
  now: Date,
): Promise<string[]> {
  await t.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  for (const code of codes) {
    await t
      .insertInto('recovery_code')
      .values({
        id: randomUUID(),
        user_id: userId,
        code_hash: recoveryHash(ctx.secretKey, userId, code),
        created_at: now.toISOString(),
        used_at: null,
      })
      .execute();
  }
  return codes;
}

/** New recovery codes (the old ones stop working). */
export async function regenerateRecoveryCodes(
  ctx: ServiceContext,
  actor: UserActor,
): Promise<{ recoveryCodes: string[] }> {
  const userId = actor.principal.userId;
  if (!(await hasSecondFactor(ctx.store.db, userId))) {
    throw new AppError('conflict', '您还没有开启两步验证。');
  }
  return ctx.store.transaction(async (t) => {
    const now = ctx.clock.now();
    const recoveryCodes = await replaceRecoveryCodes(ctx, t, userId, now);
    await recordChange(ctx, t, actor, now, {
      action: 'user.recovery_codes',
      entityType: 'user',
      entityId: userId,
      after: { recoveryCodes: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}

/** The holder turns the second factor off — not when their role or agency requires it. */
export async function disableSecondFactor(ctx: ServiceContext, actor: UserActor): Promise<void> {
  const userId = actor.principal.userId;
  if (await secondFactorRequired(ctx.store.db, actor.principal.grants)) {
    throw new AppError(
      'conflict',
      '您的角色或所在机关要求使用两步验证，不能停用。更换手机请先在新手机上重新设置；丢失手机请联系安全管理员重置。',
    );
  }
  await ctx.store.transaction(async (t) => {
    await t.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    await t.deleteFrom('second_factor').where('user_id', '=', userId).execute();
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'user.second_factor_disable',
      entityType: 'user',
      entityId: userId,
    });
  });
}

/** The security administrator clears someone's second factor (a lost phone); they set it up again. */
export async function resetSecondFactor(
  ctx: ServiceContext,
  actor: UserActor,
  userId: string,
): Promise<void> {
  if (userId === actor.principal.userId) {
    throw new AppError('forbidden', '不能重置自己的两步验证：请由另一位安全管理员操作。');
  }
  await ctx.store.transaction(async (t) => {
    const user = await t
      .selectFrom('user_account')
      .select(['id', 'username', 'display_name'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new AppError('not_found', '账号不存在。');
    await t.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    await t.deleteFrom('second_factor').where('user_id', '=', userId).execute();
    await t.deleteFrom('session').where('user_id', '=', userId).execute();
    const now = ctx.clock.now();
    await recordChange(ctx, t, actor, now, {
      action: 'user.second_factor_reset',
      entityType: 'user',
      entityId: userId,
      after: { username: user.username },
    });
    const roles = await t
      .selectFrom('role_grant')
      .select('role')
      .where('user_id', '=', userId)
      .execute();
    const admin = roles.map((r) => r.role as Role).find(isAdministratorRole);
    if (admin) {
      await raiseAlert(ctx, t, actor, {
        kind: 'administrator_credentials_reset',
        message: `${actor.principal.displayName}（${actor.principal.username}）重置了${ROLE_LABELS[admin]} ${user.display_name}（${user.username}）的两步验证。请与本人核实：重置者若同时知道其密码，就取得了另一员的权限。`,
        subjectUserId: userId,
        actorUserId: actor.principal.userId,
      });
    }
  });
}

/**
 * Checks a code at sign-in or re-authentication: a 6-digit TOTP code (each step once), or an
 * unused recovery code (then used up). `consume: false` only looks, for deciding whether a
 * sign-in may skip the hold; the code is consumed when the password has also been checked.
 */
export async function verifySecondFactorCode(
  ctx: ServiceContext,
  db: Db,
  userId: string,
  code: string,
  options: { consume: boolean },
): Promise<SecondFactorMethod | null> {
  const row = await findSecondFactor(db, userId);
  if (!row?.confirmed_at) return null;
  const now = ctx.clock.now();
  const trimmed = code.trim();
  if (/^\d[\d\s]{5,7}$/.test(trimmed)) {
    const secret = secretBoxOf(ctx).decrypt(row.secret_sealed);
    const step = matchStep(secret, trimmed, now, row.last_step);
    if (step === null) return null;
    if (options.consume) {
      // Only a step later than the last: two requests racing with one code, one wins.
      const updated = await db
        .updateTable('second_factor')
        .set({ last_step: step })
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return null;
    }
    return 'totp';
  }
  if (normaliseRecoveryCode(trimmed).length !== 10) return null;
  const hash = recoveryHash(ctx.secretKey, userId, trimmed);
  const found = await db
    .selectFrom('recovery_code')
    .select('id')
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (!found) return null;
  if (options.consume) {
    const used = await db
      .updateTable('recovery_code')
      .set({ used_at: now.toISOString() })
      .where('id', '=', found.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) return null;
  }
  return 'recovery';
}

/** Unused recovery codes left, to tell someone who just used one. */
export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
