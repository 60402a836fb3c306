/**
 * Auditing many published reports: walk files and folders, read each file (one at a time, or
 * in parallel worker threads), and hand each result on as soon as it is ready, in the order the
 * files were found. Nothing is buffered beyond a small window, so memory stays flat over a
 * corpus of any size. A file that cannot be read, or that takes too long, is a finding.
 */
import type { Stats } from 'node:fs';
import { open, opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnnualReport } from '../core/report/model.js';
import type { IngestOptions, IngestResult } from './index.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './limits.js';
import { ReaderThread } from './thread.js';

/** File name endings the walk picks up inside folders (files named on the command line are always read). */
export const REPORT_EXTENSIONS = [
  'txt',
  'text',
  'md',
  'markdown',
  'htm',
  'html',
  'shtml',
  'xhtml',
  'docx',
  'doc',
  'wps',
  'pdf',
] as const;

const EXTENSION = new RegExp(`\\.(?:${REPORT_EXTENSIONS.join('|')})$`, 'i');

/** Files under the given paths, in a stable order (folders sorted, depth first). */
export async function* walkReportFiles(paths: readonly string[]): AsyncGenerator<string> {
  for (const path of paths) {
    const info = await stat(path);
    if (info.isDirectory()) yield* walkFolder(path);
    else yield path;
  }
}

async function* walkFolder(folder: string): AsyncGenerator<string> {
  const entries: { name: string; dir: boolean }[] = [];
  const dir = await opendir(folder);
  for await (const entry of dir) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) entries.push({ name: entry.name, dir: true });
    // Not only regular files: a pipe or a device named like a report is listed, and reading it
    // gives a finding saying what it is, rather than being passed over in silence.
    else if (EXTENSION.test(entry.name)) entries.push({ name: entry.name, dir: false });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.dir) yield* walkFolder(path);
    else yield path;
  }
}

export interface AuditOptions extends IngestOptions {
  /** Files read at once, each in its own worker thread (each bounded in time). */
  jobs?: number;
}

/** One file's outcome. `lines` is left out: an audit needs the figures and the findings. */
export type AuditResult = Omit<IngestResult, 'lines'>;

/**
 * One file's outcome as an audit line shows it: the report's agency, year and date, and the
 * findings; not its tables nor where each figure was read.
 */
export type AuditSummary = Omit<AuditResult, 'report' | 'sourceLines' | 'published'> & {
  report: Pick<AnnualReport, 'agency' | 'year' | 'publishedOn'> | null;
};

/** The summary of a result (made in the reading thread, so that only it is copied across). */
export function summaryOf(result: AuditResult): AuditSummary {
  const { report, sourceLines: _sourceLines, published: _published, ...rest } = result;
  return {
    ...rest,
    report: report && {
      agency: report.agency,
      year: report.year,
      publishedOn: report.publishedOn,
    },
  };
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const tooLarge = (what: string, maxBytes: number) =>
  `${what}，超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限，未读取；年度报告通常不到 5 MB，请确认文件是否正确。`;

/** Why a path that is not a regular file is not read. */
function notAFile(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return '这是一个文件夹，不是文件';
  if (info.isFIFO()) return '这是一个命名管道，不是普通文件';
  if (info.isSocket()) return '这是一个套接字，不是普通文件';
  if (info.isCharacterDevice() || info.isBlockDevice()) return '这是一个设备，不是普通文件';
  return '这不是普通文件';
}

/**
 * The bytes of a report file, or why they cannot be had: only regular files are opened (a pipe
 * or a device would never end), and never more than `maxBytes` is read, even from a file that
 * grows while it is read.
 */
export async function readReportBytes(
  path: string,
  maxBytes: number = DEFAULT_MAX_BYTES,
): Promise<{ bytes: Uint8Array } | { error: string }> {
  try {
    const info = await stat(path);
    const other = notAFile(info);
    if (other) return { error: `无法读取文件（${other}）。` };
    if (info.size > maxBytes)
      return { error: tooLarge(`文件有 ${megabytes(info.size)} MB`, maxBytes) };
    const handle = await open(path, 'r');
    try {
      // Read to the end, in pieces, and never past the limit: a file can grow after stat.
      const pieces: Uint8Array[] = [];
      let total = 0;
      // One byte more than stat says, so that the first read can already show the end.
      let size = Math.min(Math.max(info.size + 1, 4096), maxBytes + 1);
      for (;;) {
        const piece = new Uint8Array(size);
        const { bytesRead } = await handle.read(piece, 0, piece.length, null);
        if (bytesRead === 0) break;
        pieces.push(bytesRead === piece.length ? piece : piece.subarray(0, bytesRead));
        total += bytesRead;
        if (total > maxBytes) return { error: tooLarge('文件在读取时仍在变大', maxBytes) };
        // After a short read the next one almost always only confirms the end: a small buffer
        // for it (a megabyte each time, zeroed and freed, cost more than reading the file did).
        size = Math.min(bytesRead < piece.length ? 4096 : 1024 * 1024, maxBytes + 1 - total);
      }
      if (pieces.length === 1) return { bytes: pieces[0]! };
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const piece of pieces) {
        bytes.set(piece, at);
        at += piece.length;
      }
      return { bytes };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? '没有读取权限'
        : code === 'ENOENT'
          ? '找不到文件'
          : error instanceof Error
            ? error.message
            : String(error);
    return { error: `无法读取文件（${reason}）。` };
  }
}

/** The hard bound on one file in a reading thread: twice the reader's own time limit. */
export const hardTimeoutOf = (options: IngestOptions) =>
  (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) * 2;

/**
 * Audits the files, calling `onResult` for each in the order given. The files are read in
 * `jobs` worker threads (one by default), each file bounded in time: a thread that overruns is
 * replaced and the file reported. With `summary: true` each result is only its summary (what
 * an audit line shows), which is all the threads then send back.
 */
export function auditFiles(
  files: AsyncIterable<string> | Iterable<string>,
  options: AuditOptions & { summary: true },
  onResult: (result: AuditSummary, index: number) => void | Promise<void>,
): Promise<number>;
export function auditFiles(
  files: AsyncIterable<string> | Iterable<string>,
  options: AuditOptions & { summary?: false },
  onResult: (result: AuditResult, index: number) => void | Promise<void>,
): Promise<number>;
export async function auditFiles(
  files: AsyncIterable<string> | Iterable<string>,
  options: AuditOptions & { summary?: boolean },
  onResult: (result: AuditResult, index: number) => void | Promise<void>,
): Promise<number> {
  const summary = options.summary === true;
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  const ingestOptions: IngestOptions = {
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  let count = 0;
  const hardTimeout = hardTimeoutOf(ingestOptions);
  const threads = Array.from({ length: jobs }, () => new ReaderThread(ingestOptions, hardTimeout));
  const done = new Map<number, AuditResult>();
  let next = 0;
  const iterator = (
    Symbol.asyncIterator in files
      ? (files as AsyncIterable<string>)[Symbol.asyncIterator]()
      : (files as Iterable<string>)[Symbol.iterator]()
  ) as AsyncIterator<string> | Iterator<string>;
  let exhausted = false;
  let nextIndex = 0;
  const window = jobs * 8;
  let emitting: Promise<void> = Promise.resolve();

  const take = async (): Promise<{ index: number; path: string } | null> => {
    if (exhausted) return null;
    const item = await iterator.next();
    if (item.done) {
      exhausted = true;
      return null;
    }
    return { index: nextIndex++, path: item.value };
  };
  const emit = async () => {
    while (done.has(next)) {
      const result = done.get(next)!;
      done.delete(next);
      await onResult(result, next);
      next++;
    }
  };
  const waiters: (() => void)[] = [];
  const run = async (thread: ReaderThread) => {
    for (;;) {
      // Keep the reorder window small: wait while this thread is far ahead of the output.
      while (nextIndex - next >= window && !exhausted) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      const job = await take();
      if (!job) return;
      const { lines: _lines, ...result } = await thread.read({ path: job.path, summary });
      // With `summary`, the thread sent an AuditSummary (a finding-only result is one too).
      done.set(job.index, result as AuditResult);
      emitting = emitting.then(emit);
      await emitting;
      while (waiters.length) waiters.shift()!();
    }
  };
  try {
    // Two files in each thread's line: it goes on to the next as soon as it has posted a result,
    // rather than waiting, idle, for this thread to take the result and send another.
    await Promise.all(threads.flatMap((thread) => [run(thread), run(thread)]));
    await emitting;
    count = next;
  } finally {
    await Promise.all(threads.map((t) => t.close()));
  }
  return count;
}
