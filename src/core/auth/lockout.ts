/**
 * Lockout with back-off after repeated failed logins: the first FREE_ATTEMPTS failures cost
 * nothing; each further one locks the account for BASE_SECONDS, doubling up to MAX_SECONDS.
 */
export const FREE_ATTEMPTS = 5;
export const BASE_LOCK_SECONDS = 60;
export const MAX_LOCK_SECONDS = 3600;

/** Seconds to lock the account after its `failedLogins`-th consecutive failure (0 = no lock). */
export function lockSecondsAfter(failedLogins: number): number {
  if (failedLogins < FREE_ATTEMPTS) return 0;
  const doublings = failedLogins - FREE_ATTEMPTS;
  return Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** Math.min(doublings, 16));
}
