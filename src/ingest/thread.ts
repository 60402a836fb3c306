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

/** One file asked of a thread; they are sent in arrays (those asked in one turn together). */
export interface ThreadRequest {
  id: number;
  job: ReadJob;
}
/** One file's result; a thread sends them in arrays, several at a time (see audit-worker.ts). */
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

/**
 * What a reading thread is started with: the reader's options, and a small shared memory in
 * which it says which file it is reading and since when (see ReaderThread: the parent times each
 * file by it, so that results can come back several at a time).
 */
export interface ThreadData {
  options: IngestOptions;
  progress: SharedArrayBuffer;
  /** The parent's clock when the thread was started (`clockMs`), the zero of `progress` times. */
  epochMs: number;
}

/** In `progress` (an Int32Array): the id of the file being read, -1 when none. */
export const READING = 0;
/** In `progress`: when the thread last began or finished a file, in ms after `epochMs`. */
export const SINCE = 1;

/** A clock shared by all threads of the process (monotonic, in milliseconds). */
export function clockMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}

const workerUrl = (extension: string) => new URL(`./audit-worker.${extension}`, import.meta.url);

/**
 * Starts a reading thread. From the built package it runs audit-worker.js; from the TypeScript
 * sources (tests, benchmarks under tsx) it first registers tsx in the thread, then loads the
 * source.
 */
function startWorker(data: ThreadData, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(workerUrl('js'), { workerData: data, ...limits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl('ts').href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data, ...limits });
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
 * line, so that it starts the next as soon as it is done with one instead of waiting for the
 * parent to answer. Files asked for in one turn of the event loop are sent together, and the
 * thread sends its results several at a time (see audit-worker.ts): a message each way per file
 * woke the parent once per file, which with every core reading took the time from a reading
 * thread.
 *
 * Each file's time runs from when the one before it is done (or from when it was sent to an idle
 * thread). The thread says in shared memory which file it is reading and since when, so the
 * parent knows which file overran even while results done before it have not come back yet;
 * those are read again by the new thread (reading is deterministic: the same results).
 */
export class ReaderThread {
  private worker: Worker;
  /** Files sent to the thread and not answered yet, in order. */
  private readonly line: Pending[] = [];
  /** Files asked for in this turn of the event loop, sent together at its end. */
  private unsent: ThreadRequest[] = [];
  private sending: NodeJS.Immediate | null = null;
  /** Which file the thread is reading and since when (set by spawn, shared with the thread). */
  private progress!: Int32Array;
  private epochMs = 0;
  /** When the parent last saw the thread go on (a result, or a file sent to an idle thread). */
  private movedAt = 0;
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
    const progress = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    this.progress = new Int32Array(progress);
    Atomics.store(this.progress, READING, -1);
    this.epochMs = clockMs();
    this.unsent = [];
    const worker = startWorker(
      { options: this.options, progress, epochMs: this.epochMs },
      this.resourceLimits,
    );
    let failed = false;
    worker.on('message', (replies: ThreadReply[]) => {
      if (this.worker !== worker) return;
      this.movedAt = clockMs();
      for (const reply of replies) this.answer(reply.id, reply.result);
    });
    worker.on('error', (error) => {
      const culprit = this.culprit();
      if (this.worker !== worker || !culprit) return;
      failed = true;
      this.answer(
        culprit.id,
        unreadableResult(
          nameOf(culprit.job),
          (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `读取该文件所需的内存超过上限（${this.resourceLimits?.maxOldGenerationSizeMb ?? '?'} MB），已放弃；文件可能过大或结构异常，请另存为 PDF 或 DOCX 后再试。`
            : `读取时发生意外错误（${error.message}），文件未读入。`,
        ),
      );
    });
    worker.on('exit', () => {
      // A thread that died (not one we replaced): the file it was reading is reported (unless
      // its error already was), and the other files go to a new thread.
      if (this.worker !== worker) return;
      const culprit = this.culprit();
      if (culprit && !failed)
        this.answer(
          culprit.id,
          unreadableResult(nameOf(culprit.job), '读取线程意外退出，文件未读入。'),
        );
      this.dead = true;
      this.resend();
    });
    worker.unref();
    return worker;
  }

  /** The file the thread is reading (`reading`: as read already), or else the first waiting. */
  private culprit(reading = Atomics.load(this.progress, READING)): Pending | undefined {
    return (reading >= 0 && this.line.find((p) => p.id === reading)) || this.line[0];
  }

  /** When the file the thread is on (or the first waiting) runs out of time. */
  private deadline(): number {
    const since = this.epochMs + Atomics.load(this.progress, SINCE);
    return Math.max(since, this.movedAt) + this.hardTimeoutMs;
  }

  /** Watches the thread's time while it has files to read. */
  private arm(): void {
    if (this.timer || this.line.length === 0) return;
    this.timer = setTimeout(() => this.check(), Math.max(0, this.deadline() - clockMs()));
  }

  private check(): void {
    this.timer = null;
    if (this.line.length === 0) return;
    // Which file, then since when, then which file again: the thread writes the time before the
    // file, so a file seen both times was being read at least since the time read between. A
    // thread that moved on meanwhile (the late file done in the last instant) is not judged on
    // the time of the file before: it is looked at again.
    const reading = Atomics.load(this.progress, READING);
    if (clockMs() < this.deadline() || Atomics.load(this.progress, READING) !== reading) {
      this.arm();
      return;
    }
    // The file is not finished in time: stop the thread, report the file, start afresh.
    const culprit = this.culprit(reading)!;
    const stuck = this.worker;
    this.dead = true;
    void stuck.terminate();
    this.answer(
      culprit.id,
      unreadableResult(
        nameOf(culprit.job),
        `读取超过 ${Math.round(this.hardTimeoutMs / 1000)} 秒仍未完成，已放弃；文件可能过大或结构异常。`,
      ),
    );
    this.resend();
  }

  /** Answers one file. */
  private answer(id: number, result: ThreadResult): void {
    const at = this.line[0]?.id === id ? 0 : this.line.findIndex((p) => p.id === id);
    if (at < 0) return;
    const [current] = this.line.splice(at, 1);
    if (this.line.length === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    current!.resolve(result);
  }

  /** After the thread was stopped or died: the files still in line go to a new thread. */
  private resend(): void {
    if (this.line.length === 0) return;
    this.dead = false;
    this.worker = this.spawn();
    this.movedAt = clockMs();
    this.worker.postMessage(this.line.map(({ id, job }): ThreadRequest => ({ id, job })));
    this.arm();
  }

  private send = (): void => {
    this.sending = null;
    const requests = this.unsent;
    this.unsent = [];
    if (requests.length > 0) this.worker.postMessage(requests);
  };

  /** Reads one file, after those already asked for. */
  read(job: ReadJob): Promise<ThreadResult> {
    return new Promise((resolve) => {
      const pending = { id: this.nextId++, job, resolve };
      if (this.dead) {
        this.dead = false;
        this.worker = this.spawn();
      }
      if (this.line.length === 0) this.movedAt = clockMs();
      this.line.push(pending);
      this.unsent.push({ id: pending.id, job });
      this.sending ??= setImmediate(this.send);
      this.arm();
    });
  }

  async close(): Promise<void> {
    if (this.sending) clearImmediate(this.sending);
    this.sending = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
