import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { AUDIT_RETENTION_DAYS } from '../store/migrations/0045-audit-retention.js';
import type { AuditRow } from '../store/repositories/audit-log.js';
import { auditKey, auditRowHash, digestOfHash, GENESIS_HASH, recordChange } from './audit.js';
import { ARCHIVE_FOLDER } from './audit-anchor.js';
import type { Actor, ServiceContext } from './context.js';

export { AUDIT_RETENTION_DAYS };

const FILE_PATTERN = /^audit-(\d{12})-(\d{12})\.jsonl$/;
const fileName = (from: number, to: number) =>
  `audit-${String(from).padStart(12, '0')}-${String(to).padStart(12, '0')}.jsonl`;

const signature = (body: string, key: Uint8Array) =>
  createHmac('sha256', key).update('gongkai-audit-archive\n').update(body).digest('hex');

interface ArchiveHeader {
  type: 'gongkai-audit-archive';
  version: 1;
  from: number;
  to: number;
  prevHash: string;
  lastHash: string;
  createdAt: string;
}

/** The last archived record: where the chain in the database continues. */
export interface ArchivedThrough {
  seq: number;
  hash: string;
}

export type ArchiveVerification =
  | { ok: true; through: ArchivedThrough; rows: number; files: number }
  | { ok: false; reason: string };

/**
 * Archives records older than the retention period (184 days, and older than `before` if given)
 * to signed files in the anchor directory's archive folder, then removes them from the database.
 * Each file holds a contiguous run of the chain, is written and synced before the rows go, and
 * is signed with a key derived from the installation's secret.
 */
export async function archiveAuditTrail(
  ctx: ServiceContext,
  actor: Actor,
  anchorDir: string,
  options: { before?: Date; batch?: number } = {},
): Promise<{ files: string[]; rows: number }> {
  const now = ctx.clock.now();
  const limit = new Date(now.getTime() - AUDIT_RETENTION_DAYS * 86_400_000);
  const cutoff = options.before && options.before < limit ? options.before : limit;
  const batch = options.batch ?? 50_000;
  const key = auditKey(ctx.secretKey);
  const folder = join(anchorDir, ARCHIVE_FOLDER);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const files: string[] = [];
  let archived = 0;
  for (;;) {
    const last = await ctx.store.db
      .selectFrom('audit_archive')
      .select(['seq_to', 'last_hash'])
      .orderBy('seq_to', 'desc')
      .limit(1)
      .executeTakeFirst();
    const through = { seq: Number(last?.seq_to ?? 0), hash: last?.last_hash ?? GENESIS_HASH };
    const candidates = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', through.seq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    const rows: AuditRow[] = [];
    let prev = through.hash;
    for (const row of candidates) {
      if (row.at >= cutoff.toISOString()) break;
      const seq = Number(row.seq);
      const { hash, ...rest } = row;
      if (
        seq !== through.seq + rows.length + 1 ||
        row.prev_hash !== prev ||
        auditRowHash({ ...rest, seq }, key, digestOfHash(hash)) !== hash
      ) {
        throw new Error(
          `第 ${seq} 条留痕校验不通过，不能归档：请先运行 gongkai audit-log verify 查明原因。`,
        );
      }
      rows.push({ ...row, seq });
      prev = hash;
    }
    if (rows.length === 0) break;
    const from = rows[0]!.seq;
    const to = rows.at(-1)!.seq;
    const header: ArchiveHeader = {
      type: 'gongkai-audit-archive',
      version: 1,
      from,
      to,
      prevHash: through.hash,
      lastHash: prev,
      createdAt: now.toISOString(),
    };
    const body = [header, ...rows].map((r) => `${JSON.stringify(r)}\n`).join('');
    const name = fileName(from, to);
    const temporary = join(folder, `.${name}.tmp`);
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, `${body}${JSON.stringify({ signature: signature(body, key) })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, join(folder, name));
    await ctx.store.transaction(async (trx) => {
      await trx
        .insertInto('audit_archive')
        .values({
          seq_from: from,
          seq_to: to,
          last_hash: prev,
          file_name: name,
          archived_at: now.toISOString(),
        })
        .execute();
      await trx.deleteFrom('audit_log').where('seq', '>=', from).where('seq', '<=', to).execute();
      await recordChange(ctx, trx, actor, now, {
        action: 'audit.archive',
        entityType: 'audit_archive',
        entityId: name,
        after: { from, to, rows: rows.length, before: cutoff.toISOString() },
      });
    });
    files.push(name);
    archived += rows.length;
    if (candidates.length < batch) break;
  }
  return { files, rows: archived };
}

/**
 * Checks every archive file: its signature, every record's hash and link, and that the files
 * continue one another from the first record on. `recorded`: the archives the database lists,
 * each of which must be there.
 */
export function verifyArchives(
  anchorDir: string,
  secretKey: Uint8Array,
  recorded: readonly { seq_from: number; file_name: string }[],
): ArchiveVerification {
  const folder = join(anchorDir, ARCHIVE_FOLDER);
  const key = auditKey(secretKey);
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => FILE_PATTERN.test(n));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && recorded.length === 0) {
      return { ok: true, through: { seq: 0, hash: GENESIS_HASH }, rows: 0, files: 0 };
    }
    return { ok: false, reason: `无法读取留痕归档目录 ${folder}（${code ?? String(error)}）。` };
  }
  const present = new Set(names);
  for (const r of recorded) {
    if (!present.has(r.file_name)) {
      return {
        ok: false,
        reason: `数据库记载第 ${Number(r.seq_from)} 条起的留痕已归档到 ${r.file_name}，但归档目录中没有这个文件。`,
      };
    }
  }
  names.sort();
  let through: ArchivedThrough = { seq: 0, hash: GENESIS_HASH };
  let rows = 0;
  for (const name of names) {
    const path = join(folder, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      return {
        ok: false,
        reason: `无法读取归档文件 ${path}（${(error as NodeJS.ErrnoException).code}）。`,
      };
    }
    const cut = text.lastIndexOf('\n', text.length - 2);
    const body = text.slice(0, cut + 1);
    let signed: string | undefined;
    try {
      signed = (JSON.parse(text.slice(cut + 1)) as { signature?: string }).signature;
    } catch {
      signed = undefined;
    }
    const expected = signature(body, key);
    if (
      !signed ||
      signed.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signed), Buffer.from(expected))
    ) {
      return {
        ok: false,
        reason: `归档文件 ${name} 的签名不符：文件被改动过，或不是本系统生成的。`,
      };
    }
    const [headerLine, ...rowLines] = body.trimEnd().split('\n');
    const header = JSON.parse(headerLine!) as ArchiveHeader;
    if (header.from !== through.seq + 1 || header.prevHash !== through.hash) {
      return {
        ok: false,
        reason:
          header.from > through.seq + 1
            ? `归档缺少第 ${through.seq + 1}–${header.from - 1} 条记录（下一个归档文件是 ${name}）。`
            : `归档文件 ${name} 与前一个归档文件接不上。`,
      };
    }
    let prev = through.hash;
    for (const line of rowLines) {
      const row = JSON.parse(line) as AuditRow;
      const { hash, ...rest } = row;
      if (row.prev_hash !== prev || auditRowHash(rest, key, digestOfHash(hash)) !== hash) {
        return { ok: false, reason: `归档文件 ${name} 中第 ${row.seq} 条记录校验不通过。` };
      }
      prev = hash;
      through = { seq: Number(row.seq), hash };
      rows += 1;
    }
    if (through.seq !== header.to) {
      return { ok: false, reason: `归档文件 ${name} 的记录不完整。` };
    }
  }
  return { ok: true, through, rows, files: names.length };
}
