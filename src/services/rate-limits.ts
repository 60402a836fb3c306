/**
 * The limits on guessing, kept in the database (rate_counter) so they hold across a restart
 * and across app nodes: failed sign-ins per (account, address) and per address, with the hold
 * that lets the owner in from elsewhere while someone guesses; failed query-code checks on the
 * portal per (address, application number) and per address. See core/auth/lockout.ts.
 */
import {
  accountKey,
  addressKey,
  ADDRESS_FAILURE_LIMIT,
  ADDRESS_WINDOW_SECONDS,
  HOLD_EXPIRY_SECONDS,
  HOLD_SECONDS,
  lockSecondsAfter,
  PAIR_WINDOW_SECONDS,
  QUERY_ADDRESS_LIMIT,
  QUERY_PAIR_LIMIT,
  QUERY_WINDOW_SECONDS,
} from '../core/auth/lockout.js';
import { AppError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import * as repo from '../store/repositories/rate-counters.js';

const iso = (ms: number) => new Date(ms).toISOString();
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** Where a sign-in comes from and for which account, as the limits count them. */
export interface SignInSubject {
  account: string;
  address: string;
}

export function signInSubject(username: string, ip: string): SignInSubject {
  return { account: accountKey(username), address: addressKey(ip) };
}

const pairKey = (s: SignInSubject) => `login:pair:${encodeURIComponent(s.account)}|${s.address}`;
const holdKey = (s: SignInSubject) => `login:hold:${encodeURIComponent(s.account)}|${s.address}`;
const addressSignInKey = (s: SignInSubject) => `login:ip:${s.address}`;

const secondsUntil = (untilIso: string, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(untilIso) - now.getTime()) / 1000));

/**
 * Refuses a sign-in from a locked address or a locked (account, address) pair, before any
 * password is checked. Returns whether the account is being guessed at from elsewhere (a pair
 * of it locked), in which case a sign-in from here must take the hold (takeHold) or bring a
 * second-factor code.
 */
export async function checkSignInGate(
  db: Db,
  subject: SignInSubject,
  now: Date,
): Promise<{ watched: boolean; counted: boolean }> {
  const nowIso = now.toISOString();
  const keys = [addressSignInKey(subject), pairKey(subject), holdKey(subject)];
  const counters = await repo.gateCounters(db, keys, subject.account, nowIso);
  const find = (key: string) => counters.find((c) => c.key === key);
  const address = find(addressSignInKey(subject));
  if (address?.locked_until && address.locked_until > nowIso) {
    const seconds = secondsUntil(address.locked_until, now);
    throw new AppError(
      'rate_limited',
      `您所在的网络地址登录失败次数过多，已暂停从这里登录，请 ${minutes(seconds)} 分钟后再试。`,
      { retryAfterSeconds: seconds },
    );
  }
  const pair = find(pairKey(subject));
  if (pair?.locked_until && pair.locked_until > nowIso) {
    const seconds = secondsUntil(pair.locked_until, now);
    throw new AppError(
      'account_locked',
      `该账号从您所在的网络地址连续登录失败，已暂停从这里登录，请 ${minutes(seconds)} 分钟后再试。若是您本人，可以换一个网络立即登录，或请安全管理员解锁。`,
      { retryAfterSeconds: seconds },
    );
  }
  const watched = counters.some(
    (c) =>
      c.account === subject.account &&
      c.key !== pairKey(subject) &&
      c.key.startsWith('login:pair:') &&
      !!c.locked_until &&
      c.locked_until > nowIso,
  );
  // Whether this pair has anything to clear after a successful sign-in.
  const counted = !!pair || !!find(holdKey(subject));
  return { watched, counted };
}

/**
 * The short hold for a sign-in while the account is guessed at elsewhere: the first try starts
 * it, a try HOLD_SECONDS later goes ahead. Throws `login_delayed` while it runs.
 */
export async function takeHold(db: Db, subject: SignInSubject, now: Date): Promise<void> {
  const key = holdKey(subject);
  const hold = await repo.findCounter(db, key);
  const started = hold ? Date.parse(hold.first_at) : null;
  const lapsed = started === null || now.getTime() - started > HOLD_EXPIRY_SECONDS * 1000;
  if (lapsed) await repo.restartCounter(db, key, subject.account, now.toISOString());
  const waited = lapsed ? 0 : (now.getTime() - started) / 1000;
  if (waited < HOLD_SECONDS) {
    const seconds = Math.ceil(HOLD_SECONDS - waited);
    throw new AppError(
      'login_delayed',
      `这个账号刚才有人在别处多次输错密码。为保护账号，请 ${seconds} 秒后再点“登录”；已开启两步验证的，填写验证码可以立即登录。`,
      { retryAfterSeconds: seconds },
    );
  }
}

/**
 * One more failed sign-in: the pair locks with back-off after FREE_ATTEMPTS, the address after
 * ADDRESS_FAILURE_LIMIT in its window; a watched sign-in's hold starts again.
 */
export async function recordSignInFailure(
  db: Db,
  subject: SignInSubject,
  now: Date,
  watched: boolean,
): Promise<{ pairFailures: number; lockedSeconds: number }> {
  const nowIso = now.toISOString();
  const pair = await repo.bumpCounter(
    db,
    pairKey(subject),
    subject.account,
    nowIso,
    iso(now.getTime() - PAIR_WINDOW_SECONDS * 1000),
  );
  const lockedSeconds = lockSecondsAfter(Number(pair.count));
  if (lockedSeconds > 0) {
    await repo.lockCounter(db, pairKey(subject), iso(now.getTime() + lockedSeconds * 1000));
  }
  const address = await repo.bumpCounter(
    db,
    addressSignInKey(subject),
    null,
    nowIso,
    iso(now.getTime() - ADDRESS_WINDOW_SECONDS * 1000),
  );
  if (Number(address.count) >= ADDRESS_FAILURE_LIMIT) {
    await repo.lockCounter(
      db,
      addressSignInKey(subject),
      iso(Date.parse(address.first_at) + ADDRESS_WINDOW_SECONDS * 1000),
    );
  }
  if (watched) await repo.restartCounter(db, holdKey(subject), subject.account, nowIso);
  return { pairFailures: Number(pair.count), lockedSeconds };
}

/** A successful sign-in clears its own pair and hold (never the address's count). */
export async function clearSignInFailures(db: Db, subject: SignInSubject): Promise<void> {
  await repo.deleteCounters(db, [pairKey(subject), holdKey(subject)]);
}

/** The security administrator lifts every sign-in limit of an account. */
export async function unlockSignIn(db: Db, username: string): Promise<number> {
  const result = await repo.deleteCountersOfAccount(db, accountKey(username));
  return result.reduce((n, r) => n + Number(r.numDeletedRows), 0);
}

/**
 * Housekeeping, as people sign in (one sign-in in twenty, enough to keep the table small):
 * counters quiet for a day and not locked any more.
 */
export async function purgeQuietCounters(db: Db, now: Date): Promise<void> {
  if (Math.random() >= 0.05) return;
  await repo.purgeCounters(db, iso(now.getTime() - PAIR_WINDOW_SECONDS * 1000), now.toISOString());
}

// --- the portal's query-code check ----------------------------------------------------------------

const queryPairKey = (address: string, number: string) =>
  `query:pair:${address}|${encodeURIComponent(number)}`;
const queryAddressKey = (address: string) => `query:ip:${address}`;

/**
 * Whether wrong query codes from this address (for this application number, or in all) are
 * past their limit. The right code is never refused on this account: the check is made first
 * and a right code opens the application whatever the counters say — someone else's wrong
 * guesses from the same address (a shared office, a carrier's NAT, a proxy) must not lock an
 * applicant out. What the limit bounds is the guesser: past it, each wrong code is answered
 * with the wait and no longer counted, so the counters (and the audit of failures) stay small.
 * Guessing itself is hopeless: a code has 50 random bits.
 */
export async function queryCodeLimit(
  db: Db,
  ip: string,
  number: string,
  now: Date,
): Promise<{ limited: boolean; retryAfterSeconds: number }> {
  const address = addressKey(ip);
  const nowIso = now.toISOString();
  for (const key of [queryPairKey(address, number), queryAddressKey(address)]) {
    const counter = await repo.findCounter(db, key);
    if (counter?.locked_until && counter.locked_until > nowIso) {
      return { limited: true, retryAfterSeconds: secondsUntil(counter.locked_until, now) };
    }
  }
  return { limited: false, retryAfterSeconds: 0 };
}

/** One more wrong query code from this address for this number. */
export async function recordQueryCodeFailure(
  db: Db,
  ip: string,
  number: string,
  now: Date,
): Promise<void> {
  const address = addressKey(ip);
  const nowIso = now.toISOString();
  const windowStart = iso(now.getTime() - QUERY_WINDOW_SECONDS * 1000);
  for (const [key, limit] of [
    [queryPairKey(address, number), QUERY_PAIR_LIMIT],
    [queryAddressKey(address), QUERY_ADDRESS_LIMIT],
  ] as const) {
    const counter = await repo.bumpCounter(db, key, null, nowIso, windowStart);
    if (Number(counter.count) >= limit) {
      await repo.lockCounter(
        db,
        key,
        iso(Date.parse(counter.first_at) + QUERY_WINDOW_SECONDS * 1000),
      );
    }
  }
}
