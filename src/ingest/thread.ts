/**
 * Reading in a worker thread, bounded in time. The reader is bounded by its input, but a file
 * made to be slow (or a reader bug) must not hold a server or an audit run: a thread that
 * overruns its time is stopped and replaced, and the file becomes a finding. Used for every
 * file `gongkai ingest` and `gongkai audit` read and for every upload the server reads.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Finding } from '../core/report/findings.js';
import type { IngestOptions, IngestResult } from './index.js';

/** What a reading thread is asked to read: a file on disk, or bytes already in memory. */
export type ReadJob = { path: string } | { bytes: Uint8Array; file: string };

/** The reply: for a path, the result without the source lines (an audit does not need them). */
export type ThreadResult = Omit<IngestResult, 'lines'> & { lines?: string[] };

export interface ThreadRequest {
  id: number;
  job: ReadJob;
}
export interface ThreadReply {
  id: number;
  result: ThreadResult;
}

/** A finding-only result for a file that could not be read. */
export function unreadableResult(file: string, message: string): ThreadResult {
  return {
    file,
    kind: null,
    encoding: null,
    report: null,
    findings: [
      { code: 'unreadable-file', severity: 'error', location: {}, message } satisfies Finding,
    ],
    sourceLines: {},
  };
}

const workerUrl = (extension: string) => new URL(`./audit-worker.${extension}`, import.meta.url);

/**
 * Starts a reading thread. From the built package it runs audit-worker.js; from the TypeScript
 * sources (tests, benchmarks under tsx) it first registers tsx in the thread, then loads the
 * source.
 */
function startWorker(options: IngestOptions, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(workerUrl('js'), { workerData: options, ...limits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl('ts').href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: options, ...limits });
}

const nameOf = (job: ReadJob) => ('path' in job ? job.path : job.file);

/** A worker thread that reads one file at a time; replaced when a file takes too long. */
export class ReaderThread {
  private worker: Worker;
  private current: {
    id: number;
    job: ReadJob;
    resolve: (r: ThreadResult) => void;
    timer: NodeJS.Timeout;
  } | null = null;
  private dead = false;
  private nextId = 0;

  constructor(
    private readonly options: IngestOptions,
    private readonly hardTimeoutMs: number,
    /** Memory limits of the thread (a file that needs more becomes a finding). */
    private readonly resourceLimits?: ResourceLimits,
  ) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = startWorker(this.options, this.resourceLimits);
    worker.on('message', (reply: ThreadReply) => {
      if (this.worker === worker && reply.id === this.current?.id) this.finish(reply.result);
    });
    worker.on('error', (error) => {
      const current = this.current;
      if (this.worker === worker && current)
        this.finish(
          unreadableResult(
            nameOf(current.job),
            (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `读取该文件所需的内存超过上限（${this.resourceLimits?.maxOldGenerationSizeMb ?? '?'} MB），已放弃；文件可能过大或结构异常，请另存为 PDF 或 DOCX 后再试。`
              : `读取时发生意外错误（${error.message}），文件未读入。`,
          ),
        );
    });
    worker.on('exit', () => {
      // A thread that died (not one we replaced) is replaced before its next file.
      if (this.worker === worker) {
        this.dead = true;
        const current = this.current;
        if (current)
          this.finish(unreadableResult(nameOf(current.job), '读取线程意外退出，文件未读入。'));
      }
    });
    worker.unref();
    return worker;
  }

  private finish(result: ThreadResult): void {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.timer);
    this.current = null;
    current.resolve(result);
  }

  /** Reads one file; a thread reads one at a time (wait for the answer before the next). */
  read(job: ReadJob): Promise<ThreadResult> {
    if (this.current) throw new Error('ReaderThread.read: the thread is still reading a file');
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        // The file is not finished in time: stop the thread, report the file, start afresh.
        const stuck = this.worker;
        this.worker = this.spawn();
        void stuck.terminate();
        this.finish(
          unreadableResult(
            nameOf(job),
            `读取超过 ${Math.round(this.hardTimeoutMs / 1000)} 秒仍未完成，已放弃；文件可能过大或结构异常。`,
          ),
        );
      }, this.hardTimeoutMs);
      this.current = { id, job, resolve, timer };
      if (this.dead) {
        this.dead = false;
        this.worker = this.spawn();
      }
      const request: ThreadRequest = { id, job };
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Reads files one after another in one thread, each bounded by `hardTimeoutMs`, and stops the
 * thread afterwards.
 */
export async function readInThread<T>(
  options: IngestOptions,
  hardTimeoutMs: number,
  work: (read: (job: ReadJob) => Promise<ThreadResult>) => Promise<T>,
): Promise<T> {
  const thread = new ReaderThread(options, hardTimeoutMs);
  try {
    return await work((job) => thread.read(job));
  } finally {
    await thread.close();
  }
}
