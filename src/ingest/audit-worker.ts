/**
 * A reading thread (see thread.ts): reads the files it is sent, one at a time in the order sent,
 * and posts back the results, several at a time. The parent bounds each file's time by replacing
 * a thread that overruns; it knows which file the thread is on from the shared `progress`.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { summaryOf, type AuditResult } from './audit.js';
import { ingestFile } from './index.js';
import { readReportBytesSync } from './report-file.js';
import {
  clockMs,
  READING,
  SINCE,
  unreadableResult,
  type ThreadData,
  type ThreadReply,
  type ThreadRequest,
  type ThreadResult,
} from './thread.js';

const { options, progress, epochMs } = workerData as ThreadData;
const shared = new Int32Array(progress);

/**
 * Results are sent when this many are ready, when nothing more is waiting to be read, or when a
 * file is done and the first of them has waited `HOLD_MS`: one message per file woke the parent
 * once per file. (The wait is looked at only when a file is done: a slow file holds back the
 * results done before it until it is done itself, or overruns and they are read again.)
 */
const BATCH = 8;
const HOLD_MS = 20;

/**
 * Reads one file from disk and ingests it, in this thread; a file that cannot be read is a
 * finding. The file is read synchronously: this thread has nothing else to do meanwhile.
 */
async function auditOne(path: string): Promise<AuditResult> {
  const read = readReportBytesSync(path, options.maxBytes);
  if ('error' in read) return unreadableResult(path, read.error);
  const { lines: _lines, ...result } = await ingestFile(read.bytes, path, options);
  return result;
}

/** Files sent and not read yet, in order. */
const waiting: ThreadRequest[] = [];
let replies: ThreadReply[] = [];
let heldSince = 0;
let draining = false;

/** Says in `progress` which file is being read (-1: none) and that the thread moved on now. */
function mark(id: number): void {
  Atomics.store(shared, SINCE, clockMs() - epochMs);
  Atomics.store(shared, READING, id);
}

/** Takes the files sent meanwhile without going back to the event loop. */
function collect(): void {
  for (let m = receiveMessageOnPort(parentPort!); m; m = receiveMessageOnPort(parentPort!))
    waiting.push(...(m.message as ThreadRequest[]));
}

/** Reads the files waiting, one after another, in order, never two at once. */
async function drain(): Promise<void> {
  draining = true;
  for (let request = waiting.shift(); request; request = waiting.shift()) {
    const { id, job } = request;
    mark(id);
    const result =
      'path' in job ? await auditOne(job.path) : await ingestFile(job.bytes, job.file, options);
    mark(-1);
    // With `summary`, only what an audit line shows goes back (the parent knows to expect it).
    const reply = 'path' in job && job.summary ? summaryOf(result) : result;
    replies.push({ id, result: reply as ThreadResult });
    if (replies.length === 1) heldSince = clockMs();
    collect();
    if (waiting.length === 0 || replies.length >= BATCH || clockMs() - heldSince >= HOLD_MS) {
      parentPort!.postMessage(replies);
      replies = [];
      // Back to the event loop once per batch: V8's and Node's tasks for this thread (GC tasks
      // among them) run there, and files sent meanwhile arrive. Without it a thread never left
      // its first message's callback; its reading took more CPU time in the two runs measured
      // (10.3 and 10.4 s against 9.4 and 9.7 s for 10,000 reports in two threads, loaded machine).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  draining = false;
}

parentPort?.on('message', (requests: ThreadRequest[]) => {
  waiting.push(...requests);
  if (!draining) void drain();
});
