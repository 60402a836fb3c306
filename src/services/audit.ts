import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Db, Trx } from '../store/database.js';
import {
  auditRowsAfter,
  findAuditHead,
  insertAuditRow,
  lastAuditRow,
  saveAuditHead,
  type AuditRow,
} from '../store/repositories/audit-log.js';
import { actorLabel, type Actor, type ServiceContext } from './context.js';
import { macDigestOf } from './secrets.js';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 'gongkai.audit_log';

/**
 * Takes the audit chain's lock now, for a transaction that will write to the audit trail and
 * first takes another lock (a 文号 sequence row): always the audit lock first, so two such
 * transactions never wait on each other in opposite orders.
 */
export const lockAuditChain = (ctx: Pick<ServiceContext, 'store'>, trx: Trx): Promise<void> =>
  ctx.store.lock(trx, AUDIT_LOCK);

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

/**
 * The key that seals the chain, derived from the installation's secret for this one purpose:
 * without it, nobody with write access to the database can rewrite history and re-chain it.
 */
export function auditKey(secretKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, 'gongkai', 'audit-chain', 32));
}

/**
 * The chain's MAC follows the deployment's suite (GONGKAI_CRYPTO): HMAC-SHA-256, written as 64
 * hex characters, or HMAC-SM3 (GB/T 32905), written `sm3:` + 64 hex characters. Each row and the
 * head say which they use, so a chain begun under one suite verifies after a switch to the other;
 * a verifier passes `digestOfHash(stored)`.
 */
export type ChainDigest = 'sha256' | 'sm3';
const SM3_PREFIX = 'sm3:';
export const digestOfHash = (hash: string): ChainDigest =>
  hash.startsWith(SM3_PREFIX) ? 'sm3' : 'sha256';
const mark = (digest: ChainDigest, hex: string) => (digest === 'sm3' ? SM3_PREFIX + hex : hex);

/**
 * The hash of a row: an HMAC over every recorded field and the previous row's hash. The
 * client address (0045) is sealed when there is one; rows without it hash as they always did.
 */
export function auditRowHash(
  row: Omit<AuditRow, 'hash'>,
  key: Uint8Array,
  digest: ChainDigest = 'sha256',
): string {
  const fields: unknown[] = [
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
  ];
  if (row.client_ip !== null && row.client_ip !== undefined) fields.push(row.client_ip);
  const material = JSON.stringify(fields);
  return mark(digest, createHmac(digest, key).update(material).digest('hex'));
}

export const headMac = (
  seq: number,
  hash: string,
  key: Uint8Array,
  digest: ChainDigest = 'sha256',
): string => mark(digest, createHmac(digest, key).update(`head:${seq}:${hash}`).digest('hex'));

const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * 留痕: appends one record of a state change to the hash-chained audit trail, inside the
 * caller's transaction, so the change and its record commit together or not at all.
 */
export async function recordChange(
  ctx: Pick<ServiceContext, 'store' | 'secretKey' | 'auditAnchor' | 'crypto'>,
  trx: Trx,
  actor: Actor,
  at: Date,
  change: AuditChange,
): Promise<void> {
  await ctx.store.lock(trx, AUDIT_LOCK);
  const key = auditKey(ctx.secretKey);
  // After an archive removed every row, the sealed head still says where the chain ends.
  const last = (await lastAuditRow(trx)) ?? (await findAuditHead(trx));
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
    client_ip: actor.ip ?? null,
  };
  const digest = macDigestOf(ctx.crypto?.suite ?? 'aes');
  const hash = auditRowHash(row, key, digest);
  const mac = headMac(row.seq, hash, key, digest);
  await insertAuditRow(trx, { ...row, hash });
  await saveAuditHead(trx, { seq: row.seq, hash, mac });
  const anchor = ctx.auditAnchor;
  if (anchor) {
    ctx.store.afterCommit(trx, () =>
      anchor.publish({
        seq: row.seq,
        hash,
        mac,
        at: row.at,
        action: row.action,
        actor: row.actor,
        clientIp: row.client_ip,
        entityType: row.entity_type,
        entityId: row.entity_id,
      }),
    );
  }
}

export type AuditVerification =
  | { ok: true; rows: number; lastSeq: number; lastHash: string }
  | { ok: false; rows: number; brokenSeq: number; reason: string };

/**
 * Walks the chain in the database in order and names the first row whose hash, link or sequence
 * does not hold. Streams the table a page at a time. `from`: where archived records end (the
 * database chain continues from there); the genesis by default.
 */
export async function verifyAuditChain(
  db: Db,
  secretKey: Uint8Array,
  options: { from?: { seq: number; hash: string }; pageSize?: number } = {},
): Promise<AuditVerification> {
  const key = auditKey(secretKey);
  const pageSize = options.pageSize ?? 1000;
  const head = await findAuditHead(db);
  let previousHash = options.from?.hash ?? GENESIS_HASH;
  let expectedSeq = (options.from?.seq ?? 0) + 1;
  let checked = 0;
  for (;;) {
    const page = await auditRowsAfter(db, expectedSeq - 1, pageSize);
    if (page.length === 0) return checkHead(head, checked, expectedSeq - 1, previousHash, key);
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
      if (!sameHex(auditRowHash({ ...rest, seq }, key, digestOfHash(hash)), hash)) {
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

/** The chain must end where the sealed head says it ends: no newest records removed. */
function checkHead(
  head: { seq: number; hash: string; mac: string } | undefined,
  rows: number,
  lastSeq: number,
  lastHash: string,
  key: Uint8Array,
): AuditVerification {
  if (!head) {
    return lastSeq === 0
      ? { ok: true, rows, lastSeq, lastHash }
      : {
          ok: false,
          rows,
          brokenSeq: 1,
          reason: '留痕的链头记录缺失：无法确认最新的记录没有被删除。',
        };
  }
  const seq = Number(head.seq);
  if (!sameHex(headMac(seq, head.hash, key, digestOfHash(head.mac)), head.mac)) {
    return { ok: false, rows, brokenSeq: seq, reason: '留痕的链头记录被改动过（校验码不符）。' };
  }
  if (seq !== lastSeq || head.hash !== lastHash) {
    return {
      ok: false,
      rows,
      brokenSeq: lastSeq + 1,
      reason:
        seq > lastSeq
          ? `留痕应有 ${seq} 条记录，现在只到第 ${lastSeq} 条：第 ${lastSeq + 1} 条及以后的记录被删除。`
          : `留痕的最后一条记录与链头不符：第 ${seq + 1} 条以后的记录来历不明。`,
    };
  }
  return { ok: true, rows, lastSeq, lastHash };
}
