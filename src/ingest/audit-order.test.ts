import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFiles, type AuditSummary } from './audit.js';

const CORPUS = new URL('../../test/fixtures/corpus/', import.meta.url).pathname;
const REPORTS = [
  '000_10421f3e08d9eefa.txt',
  '002_947ca60925c42d42.txt',
  '003_d68fabd84de01588.txt',
];

let dir: string;
let files: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-order-'));
  // First, a file that keeps its thread busy far longer than the others: the three reports one
  // after another, many times over.
  const slow = join(dir, 'slow.txt');
  const text = REPORTS.map((f) => readFileSync(join(CORPUS, f), 'utf8')).join('\n');
  writeFileSync(slow, Array.from({ length: 40 }, () => text).join('\n'));
  const quick = Array.from({ length: 9 }, (_, i) => {
    const path = join(dir, `quick-${i}.txt`);
    writeFileSync(path, readFileSync(join(CORPUS, REPORTS[i % 3]!)));
    return path;
  });
  files = [slow, ...quick.slice(0, 4), join(dir, 'missing.txt'), ...quick.slice(4)];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const audit = async (jobs: number, timeoutMs?: number) => {
  const results: { index: number; result: AuditSummary }[] = [];
  const options = timeoutMs === undefined ? { jobs } : { jobs, timeoutMs };
  const count = await auditFiles(files, { ...options, summary: true }, (result, index) => {
    results.push({ index, result });
  });
  return { count, results };
};

describe('auditing in several reading threads', () => {
  it('gives every result once, in the order of the files, the same as one thread', async () => {
    const one = await audit(1);
    // The slow file is first: the second thread reads the files after it meanwhile, and its
    // results wait for the slow one's.
    const two = await audit(2);
    expect(two.count).toBe(files.length);
    expect(two.results.map((r) => r.index)).toEqual(files.map((_, i) => i));
    expect(two.results.map((r) => r.result.file)).toEqual(files);
    expect(two.results).toEqual(one.results);
    expect(two.results[5]!.result.findings[0]!.message).toContain('找不到文件');
    expect(two.results.filter((r) => r.result.report !== null)).toHaveLength(files.length - 1);
  });

  it('gives back every result of a line longer than a batch, once and in order', async () => {
    // 40 files in one thread: its results come back several at a time (audit-worker.ts), the
    // parent sends more while it reads; none lost, none twice, each with its own file.
    const many = Array.from({ length: 40 }, (_, i) =>
      i === 17 ? join(dir, 'missing.txt') : join(dir, `quick-${i % 9}.txt`),
    );
    const results: { index: number; result: AuditSummary }[] = [];
    const count = await auditFiles(many, { jobs: 1, summary: true }, (result, index) => {
      results.push({ index, result });
    });
    expect(count).toBe(many.length);
    expect(results.map((r) => r.index)).toEqual(many.map((_, i) => i));
    expect(results.map((r) => r.result.file)).toEqual(many);
    expect(results[17]!.result.findings[0]!.message).toContain('找不到文件');
    expect(results.filter((r) => r.result.report !== null)).toHaveLength(many.length - 1);
    // The same file read twice gives the same result.
    expect(results[9]!.result).toEqual(results[0]!.result);
  });

  it('reports each file that overruns its time, the files waiting behind it going on', async () => {
    // A bound far below a thread's start-up time: every file overruns, each in its turn, and
    // the files waiting in the stopped thread's line go to a new one.
    const { count, results } = await audit(2, 1);
    expect(count).toBe(files.length);
    expect(results.map((r) => r.result.file)).toEqual(files);
    for (const { result } of results) {
      expect(result.report).toBeNull();
      expect(result.findings.map((f) => f.code)).toEqual(['unreadable-file']);
      expect(result.findings[0]!.message).toMatch(/读取超过|找不到文件/);
    }
  });
});
