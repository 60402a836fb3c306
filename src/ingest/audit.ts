/**
 * Auditing many published reports: walk files and folders, read each file (one at a time, or
 * in parallel worker threads), and hand each result on as soon as it is ready, in the order the
 * files were found. Nothing is buffered beyond a small window, so memory stays flat over a
 * corpus of any size. A file that cannot be read, or that takes too long, is a finding.
 */
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { AnnualReport } from '../core/report/model.js';
import type { IngestOptions, IngestResult } from './index.js';
import { DEFAULT_TIMEOUT_MS } from './limits.js';
import { ReaderThread } from './thread.js';

export { readReportBytesSync } from './report-file.js';

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

/**
 * TurboFan's inlining budget for an audit run (V8's default is 920 bytes of bytecode inlined into
 * one function). Every reading thread is a V8 isolate of its own that optimises the reader again,
 * on V8's background threads; with the reader's large functions and the default budget that
 * compiling took more CPU than everything else but the reading (3.7 s of 17 s for 10,000 reports
 * in two threads), and with both cores reading it is taken from the reading. A smaller budget
 * makes each compile smaller, and a deoptimised function no longer drops a caller with all it had
 * inlined; the reading itself was not measurably slower. Set once, before the threads start; it
 * holds for the whole process, and changes only how fast code is compiled and runs, never what it
 * does (a long-standing V8 flag, still read by the inliner of current V8).
 */
// Not set here, measured 2026-12-07 (10,000 reports, two threads, loaded machine, CPU time):
// --single-threaded-gc cannot be set once the process runs: V8 then aborts at the main isolate's
// next mark-compact ("Check failed: concurrent_marking_handle_ ..."; 2 of 16 audit runs died).
// A higher --interrupt-budget (x2, x4) or no inlining cut the compiling threads' time by 0.4-0.7 s
// but the reading threads, optimised later, took as much more; a 96 MB young generation per
// thread was within noise.
const INLINING_BUDGET = 200;
let compilerTuned = false;
function tuneCompilerForAudit(): void {
  if (compilerTuned) return;
  compilerTuned = true;
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
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
/**
 * Files in each reading thread's line: the one it reads and those waiting behind it. Twice the
 * number of results a thread sends back at once (8, see audit-worker.ts), so that it reads the
 * second half while the parent takes the first and sends more.
 */
const LINE = 16;

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
  tuneCompilerForAudit();
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
  // Results waiting for an earlier one: two lines' worth per thread (with LINE at 4 it was four).
  const window = jobs * LINE * 2;
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
    // Files waiting in each thread's line: it goes on to the next as soon as it is done with
    // one, rather than waiting, idle, for this thread to take the result and send another; and
    // a main thread kept from running for a few files' time (the machine is busy, or the output
    // is slow) does not leave the reading threads without work.
    await Promise.all(threads.flatMap((thread) => Array.from({ length: LINE }, () => run(thread))));
    await emitting;
    count = next;
  } finally {
    await Promise.all(threads.map((t) => t.close()));
  }
  return count;
}
