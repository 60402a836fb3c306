/**
 * The server's reading pool: every uploaded file (an imported report, each file of a bulk
 * import) is read by one of at most `workers` threads, each with a heap limit; the others wait
 * in line, in order, and can see their place. One person may have at most `perOwner` files
 * being read or waiting, so nobody fills the line for everyone else. Whatever is uploaded, the
 * server holds at most `workers` readings in memory at once, each bounded by `memoryMb`.
 */
import type { IngestOptions } from './index.js';
import { ReaderThread, type ReadJob, type ThreadResult } from './thread.js';
import { hardTimeoutOf } from './audit.js';

export interface ReaderPoolOptions {
  workers: number;
  /** Heap limit of each thread (resourceLimits.maxOldGenerationSizeMb). */
  memoryMb: number;
  /** Files one owner may have in flight (reading or waiting). */
  perOwner: number;
  ingest?: IngestOptions;
}

/** Refused: the owner already has `perOwner` files in flight. */
export class TooManyReadsError extends Error {
  constructor(readonly limit: number) {
    super(`您已有 ${limit} 个文件正在读取或排队，请等它们读完再上传下一个。`);
  }
}

interface Waiting {
  job: ReadJob;
  owner: string;
  resolve: (result: ThreadResult) => void;
}

export interface QueueView {
  workers: number;
  reading: number;
  waiting: number;
  /** The owner's waiting files, with their places in line (1 = next). */
  mine: { file: string; position: number }[];
}

export class ReaderPool {
  private readonly idle: ReaderThread[] = [];
  private threads = 0;
  private reading = 0;
  private readonly line: Waiting[] = [];
  private readonly inFlight = new Map<string, number>();
  private closed = false;

  constructor(readonly options: ReaderPoolOptions) {}

  /**
   * Reads one file for `owner` (a user id): at once if a thread is free, else after those
   * ahead. Throws TooManyReadsError when the owner is at the limit.
   */
  read(job: ReadJob, owner: string): Promise<ThreadResult> {
    const held = this.inFlight.get(owner) ?? 0;
    if (held >= this.options.perOwner) throw new TooManyReadsError(this.options.perOwner);
    this.inFlight.set(owner, held + 1);
    return new Promise<ThreadResult>((resolve) => {
      this.line.push({ job, owner, resolve });
      this.pump();
    });
  }

  /** Where the owner's files stand in line. */
  view(owner: string): QueueView {
    const mine: QueueView['mine'] = [];
    this.line.forEach((w, i) => {
      if (w.owner === owner) mine.push({ file: fileOf(w.job), position: i + 1 });
    });
    return {
      workers: this.options.workers,
      reading: this.reading,
      waiting: this.line.length,
      mine,
    };
  }

  /** Starts waiting files on free threads (after the pool's limits were raised, say). */
  nudge(): void {
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.line.length > 0) {
      const thread = this.idle.pop() ?? this.startThread();
      if (!thread) return;
      const next = this.line.shift()!;
      this.reading += 1;
      void thread.read(next.job).then((result) => {
        this.reading -= 1;
        const held = (this.inFlight.get(next.owner) ?? 1) - 1;
        if (held <= 0) this.inFlight.delete(next.owner);
        else this.inFlight.set(next.owner, held);
        if (this.closed) void thread.close();
        else this.idle.push(thread);
        next.resolve(result);
        this.pump();
      });
    }
  }

  private startThread(): ReaderThread | null {
    if (this.threads >= this.options.workers) return null;
    this.threads += 1;
    const ingest = this.options.ingest ?? {};
    return new ReaderThread(ingest, hardTimeoutOf(ingest), {
      maxOldGenerationSizeMb: this.options.memoryMb,
      maxYoungGenerationSizeMb: Math.max(16, Math.floor(this.options.memoryMb / 8)),
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((t) => t.close()));
  }
}

const fileOf = (job: ReadJob) => ('path' in job ? job.path : job.file);

/** The defaults of GONGKAI_READ_WORKERS, GONGKAI_READ_WORKER_MEMORY_MB, GONGKAI_READS_PER_USER. */
export const DEFAULT_POOL: ReaderPoolOptions = { workers: 2, memoryMb: 512, perOwner: 2 };

const defaults = new WeakMap<object, ReaderPool>();

/** The context's pool, or one with the default limits made for it on first use. */
export function readerPoolOf(ctx: { readers?: ReaderPool }): ReaderPool {
  if (ctx.readers) return ctx.readers;
  let pool = defaults.get(ctx);
  if (!pool) defaults.set(ctx, (pool = new ReaderPool(DEFAULT_POOL)));
  return pool;
}
