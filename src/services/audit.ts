import { createHash } from 'node:crypto';
import type { Db, Store, Trx } from '../store/database.js';
import {
  auditRowsAfter,
  insertAuditRow,
  lastAuditRow,
  type AuditRow,
} from '../store/repositories/audit-log.js';
import { actorLabel, type Actor } from './context.js';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 'gongkai.audit_log';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  agencyId?: string | null;
  before?: unknown;
  after?: unknown;
}

const toJson = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

/** The hash of a row: SHA-256 over every recorded field and the previous row's hash. */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  const material = JSON.stringify([
    row.seq,
    row.at,
    row.actor_user_id,
    row.actor,
    row.action,
    row.entity_type,
    row.entity_id,
    row.agency_id,
    row.before_json,
    row.after_json,
    row.request_id,
    row.prev_hash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/**
 * 留痕: appends one record of a state change to the hash-chained audit trail, inside the
 * caller's transaction, so the change and its record commit together or not at all.
 */
export async function recordChange(
  store: Store,
  trx: Trx,
  actor: Actor,
  at: Date,
  change: AuditChange,
): Promise<void> {
  await store.lock(trx, AUDIT_LOCK);
  const last = await lastAuditRow(trx);
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor_user_id: actor.kind === 'user' ? actor.principal.userId : null,
    actor: actorLabel(actor),
    action: change.action,
    entity_type: change.entityType,
    entity_id: change.entityId,
    agency_id: change.agencyId ?? null,
    before_json: toJson(change.before),
    after_json: toJson(change.after),
    request_id: actor.requestId ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await insertAuditRow(trx, { ...row, hash: auditRowHash(row) });
}

export type AuditVerification =
  { ok: true; rows: number } | { ok: false; rows: number; brokenSeq: number; reason: string };

/**
 * Walks the whole chain in order and names the first row whose hash, link or sequence does not
 * hold. Streams the table a page at a time.
 */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<AuditVerification> {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await auditRowsAfter(db, expectedSeq - 1, pageSize);
    if (page.length === 0) return { ok: true, rows: checked };
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          rows: checked,
          brokenSeq: expectedSeq,
          reason: `第 ${expectedSeq} 条记录缺失（下一条是第 ${seq} 条）：有记录被删除。`,
        };
      }
      if (row.prev_hash !== previousHash) {
        return {
          ok: false,
          rows: checked,
          brokenSeq: seq,
          reason: `第 ${seq} 条记录的前序哈希与第 ${seq - 1} 条不符：链条在此断开。`,
        };
      }
      const { hash, ...rest } = row;
      if (auditRowHash({ ...rest, seq }) !== hash) {
        return {
          ok: false,
          rows: checked,
          brokenSeq: seq,
          reason: `第 ${seq} 条记录的内容与其哈希不符：该记录被改动过。`,
        };
      }
      previousHash = hash;
      expectedSeq = seq + 1;
      checked += 1;
    }
  }
}
