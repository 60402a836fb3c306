/**
 * A reading thread (see thread.ts): reads the files it is sent, one at a time in the order sent,
 * and posts back each result. The parent bounds the time by replacing a thread that overruns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { summaryOf, type AuditResult } from './audit.js';
import { ingestFile, type IngestOptions } from './index.js';
import { readReportBytesSync } from './report-file.js';
import { unreadableResult, type ThreadReply, type ThreadRequest } from './thread.js';

const options = workerData as IngestOptions;

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

/** The files asked for are read one after another, in order, never two at once. */
let line: Promise<void> = Promise.resolve();

parentPort?.on('message', ({ id, job }: ThreadRequest) => {
  line = line.then(async () => {
    const result =
      'path' in job ? await auditOne(job.path) : await ingestFile(job.bytes, job.file, options);
    const reply = {
      id,
      result: 'path' in job && job.summary ? summaryOf(result) : result,
    } as ThreadReply;
    parentPort?.postMessage(reply);
  });
});
