import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatSyslog, SyslogSender, type SyslogTarget } from './audit-syslog.js';

/** The file, in the anchor directory, that receives the chain's head after every change. */
export const ANCHOR_FILE = 'audit-anchor.jsonl';
/** The folder, in the anchor directory, that holds the signed archives of older records. */
export const ARCHIVE_FOLDER = 'archive';

/** A new head of the chain, with what the record that made it is about. */
export interface AnchorEntry {
  seq: number;
  hash: string;
  /** The head's keyed MAC: a line cannot be forged without the installation's key. */
  mac: string;
  at: string;
  action: string;
  actor: string;
  clientIp: string | null;
  entityType: string;
  entityId: string;
}

/** One line of the anchor file: what verification compares the database against. */
export interface AnchorLine {
  seq: number;
  hash: string;
  mac: string;
  at: string;
}

export interface AuditAnchor {
  /** The anchor directory (file and archives), or null when the anchor goes only to syslog/stdout. */
  readonly dir: string | null;
  /** Called after each committed audit record; never throws. */
  publish(entry: AnchorEntry): void;
  /**
   * Writes the current head to a new anchor file (an installation that had none: first start,
   * an upgrade); does nothing when the file exists.
   */
  seed(head: { seq: number; hash: string; mac: string } | undefined, at: Date): void;
  close(): Promise<void>;
}

export interface AnchorOptions {
  dir: string | null;
  syslog?: SyslogTarget | null;
  /** Where the JSON lines go when the head is also written to standard output. */
  stdout?: { write(line: string): unknown } | null;
  onError: (error: Error) => void;
}

/**
 * The chain anchored outside the database. The file is opened for appending on every write
 * (O_APPEND: lines from several processes never interleave) so an operator may rotate nothing
 * and mark it append-only (`chattr +a`) on storage of its own.
 */
export function createAuditAnchor(options: AnchorOptions): AuditAnchor {
  const { dir, onError } = options;
  if (dir) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new Error(
        `无法建立留痕锚点目录 ${dir}（${(error as NodeJS.ErrnoException).code ?? String(error)}）：请检查 GONGKAI_AUDIT_ANCHOR_DIR 及其权限。`,
      );
    }
  }
  const syslog = options.syslog ? new SyslogSender(options.syslog, onError) : null;
  return {
    dir,
    publish(entry) {
      try {
        if (dir) {
          const line: AnchorLine = {
            seq: entry.seq,
            hash: entry.hash,
            mac: entry.mac,
            at: entry.at,
          };
          appendFileSync(join(dir, ANCHOR_FILE), `${JSON.stringify(line)}\n`, {
            mode: 0o600,
            flag: 'a',
          });
        }
        if (syslog || options.stdout) {
          const json = JSON.stringify({ type: 'gongkai.audit', ...entry });
          syslog?.send(formatSyslog({ seq: entry.seq, hash: entry.hash, at: entry.at, json }));
          options.stdout?.write(`${json}\n`);
        }
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)));
      }
    },
    seed(head, at) {
      if (!dir || !head || existsSync(join(dir, ANCHOR_FILE))) return;
      const line: AnchorLine = {
        seq: Number(head.seq),
        hash: head.hash,
        mac: head.mac,
        at: at.toISOString(),
      };
      appendFileSync(join(dir, ANCHOR_FILE), `${JSON.stringify(line)}\n`, {
        mode: 0o600,
        flag: 'a',
      });
    },
    close: async () => {
      await syslog?.close();
    },
  };
}
