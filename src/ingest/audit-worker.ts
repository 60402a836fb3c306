/**
 * A worker thread of `auditFiles`: reads the files it is sent, one at a time, and posts back
 * each result. The parent enforces the time bound by replacing a thread that overruns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { IngestOptions } from './index.js';
import { auditOne } from './audit.js';

const options = workerData as IngestOptions;

parentPort?.on('message', (path: string) => {
  void auditOne(path, options).then((result) => parentPort?.postMessage(result));
});
