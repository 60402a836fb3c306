/**
 * A reading thread (see thread.ts): reads the files it is sent, one at a time, and posts back
 * each result. The parent bounds the time by replacing a thread that overruns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditOne } from './audit.js';
import { ingestFile, type IngestOptions } from './index.js';
import type { ThreadReply, ThreadRequest } from './thread.js';

const options = workerData as IngestOptions;

parentPort?.on('message', ({ id, job }: ThreadRequest) => {
  const reading =
    'path' in job ? auditOne(job.path, options) : ingestFile(job.bytes, job.file, options);
  void reading.then((result) => {
    const reply: ThreadReply = { id, result };
    parentPort?.postMessage(reply);
  });
});
