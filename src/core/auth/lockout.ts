/**
 * Lockout that cannot be used against the owner (身份鉴别: 登录失败处理). Failed sign-ins are
 * counted per (account, client address) and per address, never per account alone: a guesser
 * locks only their own pair, and the owner signing in from elsewhere gets in — after a short
 * hold while someone is failing on the account, or at once with their second-factor code.
 *
 * Within a pair, the first FREE_ATTEMPTS failures cost nothing; each further one locks the
 * pair for BASE_LOCK_SECONDS, doubling up to MAX_LOCK_SECONDS.
 */
export const FREE_ATTEMPTS = 5;
export const BASE_LOCK_SECONDS = 60;
export const MAX_LOCK_SECONDS = 3600;
/** A pair's failures are forgotten this long after they began. */
export const PAIR_WINDOW_SECONDS = 24 * 3600;

/** All accounts together, one address: this many failures in the window lock the address. */
export const ADDRESS_FAILURE_LIMIT = 100;
export const ADDRESS_WINDOW_SECONDS = 15 * 60;

/**
 * While an account is being guessed at (a pair of it locked), a sign-in from any other address
 * waits HOLD_SECONDS after its first try, and as long again after each failure — unless it
 * brings a valid second-factor code. A hold not taken up within HOLD_EXPIRY_SECONDS lapses.
 */
export const HOLD_SECONDS = 30;
export const HOLD_EXPIRY_SECONDS = 10 * 60;

/** The portal's query-code check: wrong codes per (address, application number) and per address. */
export const QUERY_PAIR_LIMIT = 10;
export const QUERY_ADDRESS_LIMIT = 50;
export const QUERY_WINDOW_SECONDS = 10 * 60;

/** Seconds to lock the pair after its `failedLogins`-th consecutive failure (0 = no lock). */
export function lockSecondsAfter(failedLogins: number): number {
  if (failedLogins < FREE_ATTEMPTS) return 0;
  const doublings = failedLogins - FREE_ATTEMPTS;
  return Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** Math.min(doublings, 16));
}

/**
 * The address a limit is kept for: IPv4 as is (also when written IPv4-mapped), IPv6 by its /64
 * network — one subscriber usually holds a whole /64, and counting its addresses one by one
 * would let them rotate past every limit.
 */
export function addressKey(ip: string): string {
  const address = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, '') || '0')
    .join(':')}::/64`;
}

/** The name a limit is kept for: an account's sign-in name as typed, without case. */
export const accountKey = (username: string): string => username.trim().toLowerCase();
