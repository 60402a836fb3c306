/**
 * Auditing many published reports: walk files and folders, read each file (one at a time, or
 * in parallel worker threads), and hand each result on as soon as it is ready, in the order the
 * files were found. Nothing is buffered beyond a small window, so memory stays flat over a
 * corpus of any size. A file that cannot be read, or that takes too long, is a finding.
 */
import { opendir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../core/report/findings.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  ingestFile,
  type IngestOptions,
  type IngestResult,
} from './index.js';

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
    else if (entry.isFile() && EXTENSION.test(entry.name))
      entries.push({ name: entry.name, dir: false });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.dir) yield* walkFolder(path);
    else yield path;
  }
}

export interface AuditOptions extends IngestOptions {
  /** Files read at once, each in its own worker thread. 1 reads in this thread. */
  jobs?: number;
}

/** One file's outcome. `lines` is left out: an audit needs the figures and the findings. */
export type AuditResult = Omit<IngestResult, 'lines'>;

const failed = (file: string, message: string): AuditResult => ({
  file,
  kind: null,
  encoding: null,
  report: null,
  findings: [
    { code: 'unreadable-file', severity: 'error', location: {}, message } satisfies Finding,
  ],
  sourceLines: {},
});

/** Reads one file from disk and ingests it; a file that cannot be opened is a finding. */
export async function auditOne(path: string, options: IngestOptions = {}): Promise<AuditResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const info = await stat(path);
    if (info.size > maxBytes) {
      return failed(
        path,
        `文件有 ${(info.size / 1024 / 1024).toFixed(1)} MB，超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限，未读取；年度报告通常不到 5 MB，请确认文件是否正确。`,
      );
    }
    const bytes = await readFile(path);
    const { lines: _lines, ...result } = await ingestFile(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      path,
      options,
    );
    return result;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? '没有读取权限'
        : code === 'ENOENT'
          ? '文件已不存在'
          : error instanceof Error
            ? error.message
            : String(error);
    return failed(path, `无法打开文件（${reason}）。`);
  }
}

interface Job {
  index: number;
  path: string;
}

const workerUrl = (extension: string) => new URL(`./audit-worker.${extension}`, import.meta.url);

/**
 * A reading thread. From the built package it runs audit-worker.js; from the TypeScript sources
 * (tests, benchmarks under tsx) it first registers tsx in the thread, then loads the source.
 */
function startWorker(options: IngestOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(workerUrl('js'), { workerData: options });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl('ts').href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}

/** A worker thread that reads files; replaced when a file takes too long. */
class ReaderThread {
  private worker: Worker;
  private current: { job: Job; resolve: (r: AuditResult) => void; timer: NodeJS.Timeout } | null =
    null;
  private dead = false;

  constructor(
    private readonly options: IngestOptions,
    private readonly hardTimeoutMs: number,
  ) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = startWorker(this.options);
    worker.on('message', (result: AuditResult) => this.finish(result));
    worker.on('error', (error) => {
      const job = this.current?.job;
      if (job)
        this.finish(failed(job.path, `读取时发生意外错误（${error.message}），文件未读入。`));
    });
    worker.on('exit', () => {
      // A thread that died (not one we replaced) is replaced before its next file.
      if (this.worker === worker) {
        this.dead = true;
        const job = this.current?.job;
        if (job) this.finish(failed(job.path, '读取线程意外退出，文件未读入。'));
      }
    });
    worker.unref();
    return worker;
  }

  private finish(result: AuditResult): void {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.timer);
    this.current = null;
    current.resolve(result);
  }

  read(job: Job): Promise<AuditResult> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // The file is not finished in time: stop the thread, report the file, start afresh.
        const stuck = this.worker;
        this.worker = this.spawn();
        void stuck.terminate();
        this.finish(
          failed(
            job.path,
            `读取超过 ${Math.round(this.hardTimeoutMs / 1000)} 秒仍未完成，已放弃；文件可能过大或结构异常。`,
          ),
        );
      }, this.hardTimeoutMs);
      this.current = { job, resolve, timer };
      if (this.dead) {
        this.dead = false;
        this.worker = this.spawn();
      }
      this.worker.postMessage(job.path);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Audits the files, calling `onResult` for each in the order given. With `jobs` > 1 the files
 * are read in worker threads, each file bounded in time (a thread that overruns is replaced).
 */
export async function auditFiles(
  files: AsyncIterable<string> | Iterable<string>,
  options: AuditOptions,
  onResult: (result: AuditResult, index: number) => void | Promise<void>,
): Promise<number> {
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  const ingestOptions: IngestOptions = {
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  let count = 0;
  if (jobs === 1) {
    for await (const path of files) {
      await onResult(await auditOne(path, ingestOptions), count);
      count++;
    }
    return count;
  }

  const hardTimeout = (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) * 2;
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

  const take = async (): Promise<Job | null> => {
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
      const result = await thread.read(job);
      done.set(job.index, result);
      emitting = emitting.then(emit);
      await emitting;
      while (waiters.length) waiters.shift()!();
    }
  };
  try {
    await Promise.all(threads.map(run));
    await emitting;
    count = next;
  } finally {
    await Promise.all(threads.map((t) => t.close()));
  }
  return count;
}
