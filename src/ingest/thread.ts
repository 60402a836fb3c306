/**
 * Reading in a worker thread, bounded in time. The reader is bounded by its input, but a file
 * made to be slow (or a reader bug) must not hold a server or an audit run: a thread that
 * overruns its time is stopped and replaced, and the file becomes a finding. Used for every
 * file `gongkai ingest` and `gongkai audit` read and for every upload the server reads.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Finding } from '../core/report/findings.js';
import type { IngestOptions, IngestResult } from './index.js';

/**
 * What a reading thread is asked to read: a file on disk, or bytes already in memory. With
 * `summary`, the thread sends back only what an audit line needs (an AuditSummary, see
 * audit.ts): copying a whole report and its source lines between threads cost about a tenth of
 * the reading.
 */
export type ReadJob = { path: string; summary?: boolean } | { bytes: Uint8Array; file: string };

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

interface Pending {
  id: number;
  job: ReadJob;
  resolve: (r: ThreadResult) => void;
}

/**
 * A worker thread that reads one file at a time, in the order asked; replaced when a file takes
 * too long. More files may be asked for before the first is done: they wait in the thread's
 * line, so that it starts the next as soon as it has posted a result instead of waiting for the
 * parent to answer. Each file's time runs from when the one before it is done.
 */
export class ReaderThread {
  private worker: Worker;
  /** Files sent to the thread and not answered yet, in order; the first is being read. */
  private readonly line: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
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
    let failed = false;
    worker.on('message', (reply: ThreadReply) => {
      if (this.worker === worker && reply.id === this.line[0]?.id) this.finish(reply.result);
    });
    worker.on('error', (error) => {
      const current = this.line[0];
      if (this.worker !== worker || !current) return;
      failed = true;
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
      // A thread that died (not one we replaced): the file it was reading is reported (unless
      // its error already was), and the files after it go to a new thread.
      if (this.worker !== worker) return;
      const current = this.line[0];
      if (current && !failed)
        this.finish(unreadableResult(nameOf(current.job), '读取线程意外退出，文件未读入。'));
      this.dead = true;
      this.resend();
    });
    worker.unref();
    return worker;
  }

  /** Starts the clock of the file being read, if any and not yet started. */
  private startClock(): void {
    const current = this.line[0];
    if (!current || this.timer) return;
    this.timer = setTimeout(() => {
      // The file is not finished in time: stop the thread, report the file, start afresh.
      this.timer = null;
      const stuck = this.worker;
      this.dead = true;
      void stuck.terminate();
      this.finish(
        unreadableResult(
          nameOf(current.job),
          `读取超过 ${Math.round(this.hardTimeoutMs / 1000)} 秒仍未完成，已放弃；文件可能过大或结构异常。`,
        ),
      );
      this.resend();
    }, this.hardTimeoutMs);
  }

  /** Answers the file being read and starts the next one's clock. */
  private finish(result: ThreadResult): void {
    const current = this.line.shift();
    if (!current) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    current.resolve(result);
    this.startClock();
  }

  /** After the thread was stopped or died: the files still in line go to a new thread. */
  private resend(): void {
    if (this.line.length === 0) return;
    this.dead = false;
    this.worker = this.spawn();
    for (const pending of this.line) this.post(pending);
  }

  private post({ id, job }: Pending): void {
    const request: ThreadRequest = { id, job };
    this.worker.postMessage(request);
  }

  /** Reads one file, after those already asked for. */
  read(job: ReadJob): Promise<ThreadResult> {
    return new Promise((resolve) => {
      const pending = { id: this.nextId++, job, resolve };
      if (this.dead) {
        this.dead = false;
        this.worker = this.spawn();
      }
      this.line.push(pending);
      this.post(pending);
      this.startClock();
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
