import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Db } from '../store/database.js';
import { auditKey, digestOfHash, GENESIS_HASH, headMac, verifyAuditChain } from './audit.js';
import { ANCHOR_FILE, type AnchorLine } from './audit-anchor.js';
import { verifyArchives, type ArchivedThrough } from './audit-archive.js';

export interface TrailVerification {
  ok: boolean;
  /** Records checked in the database. */
  rows: number;
  /** Records checked in the signed archive files. */
  archivedRows: number;
  /** The newest sequence number the anchor file holds, or null without one. */
  anchoredSeq: number | null;
  /** The first record that does not hold, when the chain in the database is broken. */
  brokenSeq?: number;
  /** What is wrong, in Chinese, one sentence each; empty when everything holds. */
  problems: string[];
  /**
   * What holds but is not protected: newest records the anchor does not reach yet (its writes
   * failing, or a crash between a commit and its anchor line).
   */
  warnings: string[];
}

/**
 * The whole trail: the signed archives, the chain in the database continuing from them, and the
 * chain's heads written outside the database (the anchor file). A database whose every record
 * (and head) was deleted, or an older backup put back, holds a valid chain of its own; only the
 * anchor shows it is not the chain that was.
 */
export async function verifyAuditTrail(
  db: Db,
  secretKey: Uint8Array,
  anchorDir: string | null,
): Promise<TrailVerification> {
  const problems: string[] = [];
  const recorded = await db.selectFrom('audit_archive').selectAll().orderBy('seq_from').execute();
  let through: ArchivedThrough = { seq: 0, hash: GENESIS_HASH };
  let archivedRows = 0;
  if (anchorDir) {
    const archives = verifyArchives(anchorDir, secretKey, recorded);
    if (archives.ok) {
      through = archives.through;
      archivedRows = archives.rows;
    } else problems.push(archives.reason);
  } else if (recorded.length > 0) {
    problems.push(
      '数据库记载有已归档的留痕，但没有配置锚点目录（GONGKAI_AUDIT_ANCHOR_DIR），无法校验归档。',
    );
  }
  if (recorded.length > 0 && through.seq === 0 && problems.length === 0) {
    problems.push('数据库记载有已归档的留痕，但归档目录中没有归档文件。');
  }
  const chain = await verifyAuditChain(db, secretKey, { from: through });
  let brokenSeq: number | undefined;
  if (!chain.ok) {
    brokenSeq = chain.brokenSeq;
    problems.push(`留痕已被破坏：第 ${chain.brokenSeq} 条记录。${chain.reason}`);
  }
  let anchoredSeq: number | null = null;
  const warnings: string[] = [];
  if (anchorDir) {
    const anchor = await checkAnchor(db, secretKey, anchorDir, through.seq);
    anchoredSeq = anchor.anchoredSeq;
    problems.push(...anchor.problems);
    const end = chain.ok ? chain.lastSeq : 0;
    if (anchor.problems.length === 0 && end > (anchoredSeq ?? 0)) {
      warnings.push(
        `第 ${(anchoredSeq ?? 0) + 1}–${end} 条记录尚未写入链外锚点：请检查锚点目录是否可写（服务的错误输出会说明原因）；在此之前，这些记录被删除时无法发现。`,
      );
    }
  }
  return {
    ok: problems.length === 0,
    rows: chain.rows,
    archivedRows,
    anchoredSeq,
    ...(brokenSeq === undefined ? {} : { brokenSeq }),
    problems,
    warnings,
  };
}

/**
 * Compares the anchor file with the database: every anchored head must be a record the database
 * holds with the same hash, and the database must reach the newest anchored head.
 */
async function checkAnchor(
  db: Db,
  secretKey: Uint8Array,
  anchorDir: string,
  archivedThrough: number,
): Promise<{ anchoredSeq: number | null; problems: string[] }> {
  const path = join(anchorDir, ANCHOR_FILE);
  const key = auditKey(secretKey);
  const newest = await db
    .selectFrom('audit_log')
    .select('seq')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const databaseEnd = Math.max(Number(newest?.seq ?? 0), archivedThrough);
  const problems: string[] = [];
  let anchoredSeq: number | null = null;
  let mismatch: number | null = null;
  let batch: AnchorLine[] = [];
  const flush = async () => {
    const wanted = batch.filter((l) => l.seq > archivedThrough && l.seq <= databaseEnd);
    batch = [];
    if (wanted.length === 0 || mismatch !== null) return;
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where(
        'seq',
        'in',
        wanted.map((l) => l.seq),
      )
      .execute();
    const hashes = new Map(rows.map((r) => [Number(r.seq), r.hash]));
    for (const line of wanted) {
      const hash = hashes.get(line.seq);
      // A missing row below the end is the chain's own finding (a gap); a different hash is a
      // different history.
      if (hash !== undefined && hash !== line.hash) {
        mismatch = line.seq;
        return;
      }
    }
  };
  let lineNumber = 0;
  let pending: string | null = null;
  try {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    for await (const text of lines) {
      // The last line may be cut short by a crash while it was written: judged only if not last.
      if (pending !== null) {
        const line = parseLine(pending, key);
        if (!line) {
          problems.push(
            `链外锚点文件 ${path} 第 ${lineNumber} 行无法识别或校验码不符：锚点被改动过。`,
          );
          return { anchoredSeq, problems };
        }
        anchoredSeq = Math.max(anchoredSeq ?? 0, line.seq);
        batch.push(line);
        if (batch.length >= 500) await flush();
      }
      lineNumber += 1;
      pending = text;
    }
    if (pending !== null) {
      const line = parseLine(pending, key);
      if (line) {
        anchoredSeq = Math.max(anchoredSeq ?? 0, line.seq);
        batch.push(line);
      } else if (endsWithNewline(path)) {
        // A complete line (a crash cannot leave one) that is not the system's: tampering.
        problems.push(
          `链外锚点文件 ${path} 第 ${lineNumber} 行无法识别或校验码不符：锚点被改动过。`,
        );
        return { anchoredSeq, problems };
      }
    }
    await flush();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (databaseEnd > 0) {
        problems.push(
          `链外锚点文件 ${path} 不存在：无法确认数据库中的留痕没有被整体删除或回退到旧的备份。请检查锚点目录（GONGKAI_AUDIT_ANCHOR_DIR）是否挂载正确。`,
        );
      }
      return { anchoredSeq: null, problems };
    }
    problems.push(
      `无法读取链外锚点文件 ${path}（${code ?? (error instanceof Error ? error.message : String(error))}）：无法确认留痕没有被删除或回退。`,
    );
    return { anchoredSeq, problems };
  }
  if (mismatch !== null) {
    problems.push(
      `链外锚点记载的第 ${mismatch} 条记录与数据库中的不同：数据库中的留痕已被替换（例如恢复了旧的备份后又产生了新的记录）。`,
    );
  }
  if (anchoredSeq !== null && anchoredSeq > databaseEnd) {
    problems.push(
      databaseEnd === 0
        ? `链外锚点记到第 ${anchoredSeq} 条记录，数据库中却没有任何留痕：全部记录（及链头）被删除，或换成了空的数据库。`
        : `链外锚点记到第 ${anchoredSeq} 条记录，数据库只到第 ${databaseEnd} 条：第 ${databaseEnd + 1} 条及以后的记录不在数据库中（被删除，或恢复了旧的备份）。`,
    );
  }
  return { anchoredSeq, problems };
}

function endsWithNewline(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

function parseLine(text: string, key: Uint8Array): AnchorLine | null {
  try {
    const line = JSON.parse(text) as Partial<AnchorLine>;
    if (
      typeof line.seq !== 'number' ||
      !Number.isInteger(line.seq) ||
      typeof line.hash !== 'string' ||
      typeof line.mac !== 'string' ||
      headMac(line.seq, line.hash, key, digestOfHash(line.mac)) !== line.mac
    ) {
      return null;
    }
    return { seq: line.seq, hash: line.hash, mac: line.mac, at: String(line.at ?? '') };
  } catch {
    return null;
  }
}
