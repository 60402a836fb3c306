import type { Principal } from '../core/auth/roles.js';
import type { Store } from '../store/database.js';
import type { AuditAnchor } from './audit-anchor.js';
import type { ReaderPool } from '../ingest/pool.js';
import type { CryptoSettings } from './secrets.js';

/** The only source of "now" outside tests; tests pass a fixed clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Who is acting: a signed-in person, an anonymous visitor of the portal, or the system itself. */
export type Actor =
  | { kind: 'user'; principal: Principal; requestId?: string; ip?: string }
  | { kind: 'anonymous'; label: string; requestId?: string; ip?: string }
  | { kind: 'system'; label: string; requestId?: string; ip?: string };

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return `${actor.principal.displayName}（${actor.principal.username}）`;
  return actor.label;
}

export interface ServiceContext {
  store: Store;
  clock: Clock;
  /** 32 bytes, for encrypting personal data at rest. */
  secretKey: Uint8Array;
  /**
   * Where the audit chain's head goes outside the database after every committed change (an
   * append-only file, syslog, stdout); absent in most tests.
   */
  auditAnchor?: AuditAnchor;
  /** The cryptographic suite and field keys (GONGKAI_CRYPTO, GONGKAI_FIELD_KEYS); absent = aes. */
  crypto?: CryptoSettings;
  /** The server's bounded pool for reading uploaded files; absent = a default pool. */
  readers?: ReaderPool;
}
