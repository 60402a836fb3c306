/**
 * `npm run bench -- ingest [--count 10000] [--docx 1000] [--runs 5] [--keep]`
 *
 * 1. Generates a corpus of random valid reports (test/support/report-arbitrary.ts, fixed seed),
 *    each written out by the report's txt renderer or in one of the layouts published reports
 *    have (tab rows, a cell per line, lost cells, digits run together, Markdown, pdftotext's
 *    layout and raw modes, full-width), into a temporary folder; and a smaller set of DOCX
 *    reports from the DOCX renderer.
 * 2. Reads the text corpus file by file (streaming: one file in memory at a time) with
 *    ingestFile — decoding, reading, repairing, validating — and, in the same process, the floor:
 *    reading the same files and splitting them into lines. Median over several runs.
 * 3. Prints reports/s, MB/s, the ratio to the floor, DOCX reports/s, the peak RSS sampled over
 *    the runs and the heap in use after each run's full garbage collection, with the machine.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { arch, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { ingestFile } from '../src/ingest/index.js';
import { arbitraryReport } from '../test/support/report-arbitrary.js';
import { layoutReport, TEXT_LAYOUTS, type TextLayout } from '../test/support/report-layouts.js';

const SEED = 20240131;
const LAYOUTS: readonly (TextLayout | 'txt-renderer')[] = ['txt-renderer', ...TEXT_LAYOUTS];

function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} 应为正数`);
  return value;
}

const median = (values: readonly number[]) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Files of a folder tree, in order (the corpus is written in folders of 1,000). */
function* files(root: string): Generator<string> {
  for (const folder of readdirSync(root).sort()) {
    const dir = join(root, folder);
    for (const name of readdirSync(dir).sort()) yield join(dir, name);
  }
}

async function generate(
  root: string,
  count: number,
  docxCount: number,
): Promise<{ text: string; docx: string; bytes: number }> {
  // Loaded here, in the generating process only.
  const { renderDocx, renderText } = await import('../src/render/index.js');
  const text = join(root, 'text');
  const docx = join(root, 'docx');
  let bytes = 0;
  let written = 0;
  const chunk = 500;
  for (let start = 0; start < count; start += chunk) {
    const reports = fc.sample(arbitraryReport(), {
      seed: SEED + start,
      numRuns: Math.min(chunk, count - start),
    });
    for (const report of reports) {
      const layout = LAYOUTS[written % LAYOUTS.length]!;
      const content =
        layout === 'txt-renderer'
          ? renderText(report)
          : layoutReport(report, layout, { seed: written });
      const folder = join(text, String(Math.floor(written / 1000)).padStart(3, '0'));
      if (written % 1000 === 0) mkdirSync(folder, { recursive: true });
      const file = join(folder, `${String(written).padStart(6, '0')}.${layout}.txt`);
      writeFileSync(file, content);
      bytes += Buffer.byteLength(content);
      written++;
    }
  }
  const reports = fc.sample(arbitraryReport(), { seed: SEED - 1, numRuns: docxCount });
  let i = 0;
  for (const report of reports) {
    const folder = join(docx, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${String(i).padStart(6, '0')}.docx`), await renderDocx(report));
    i++;
  }
  return { text, docx, bytes };
}

/** Peak resident memory, sampled while reading. */
const memory = { peak: 0 };

/**
 * The heap still in use after a full garbage collection: what the reader keeps between reports
 * (its bounded caches). RSS also holds what V8 has not given back yet, so it can rise while this
 * stays flat. The collector is reached through V8's flag, set once when this module loads, before
 * anything is measured (the bench runs under tsx, without --expose-gc on the command line).
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
function liveHeap(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

/** Reads every file and splits it into lines: what any reader must at least do. */
function floor(root: string): { ms: number; lines: number } {
  const decoder = new TextDecoder();
  let lines = 0;
  const t0 = performance.now();
  for (const file of files(root)) lines += decoder.decode(readFileSync(file)).split('\n').length;
  return { ms: performance.now() - t0, lines };
}

async function ingestAll(
  root: string,
): Promise<{ ms: number; reports: number; errors: number; unread: number }> {
  let reports = 0;
  let errors = 0;
  let unread = 0;
  const t0 = performance.now();
  for (const file of files(root)) {
    // The reader never waits on I/O, so a timer would never fire: sample as we go.
    if (reports % 50 === 0) memory.peak = Math.max(memory.peak, process.memoryUsage().rss);
    const bytes = readFileSync(file);
    const result = await ingestFile(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      file,
    );
    reports++;
    if (!result.report) unread++;
    if (result.findings.some((f) => f.severity === 'error')) errors++;
  }
  return { ms: performance.now() - t0, reports, errors, unread };
}

export async function main(args: string[]): Promise<void> {
  const count = option(args, 'count', 10_000);
  const docxCount = option(args, 'docx', 1_000);
  const runs = option(args, 'runs', 5);
  const into = args.indexOf('--generate-into');
  if (into >= 0) {
    // In a child process, so that generating leaves nothing in the measuring process's memory.
    const root = args[into + 1]!;
    const corpus = await generate(root, count, docxCount);
    writeFileSync(join(root, 'corpus.json'), JSON.stringify(corpus));
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'gongkai-bench-ingest-'));
  const cpu = cpus()[0]?.model ?? '（未知）';
  process.stdout.write(
    `ingest 基准测试 ${new Date().toISOString().slice(0, 10)} · ${arch()} · ${cpu} · ${cpus().length} 核 · Node ${process.version}\n`,
  );
  try {
    const t = performance.now();
    const runner = fileURLToPath(new URL('./run.ts', import.meta.url));
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        runner,
        'ingest',
        '--generate-into',
        root,
        '--count',
        String(count),
        '--docx',
        String(docxCount),
      ],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) throw new Error('生成语料失败');
    const corpus = JSON.parse(readFileSync(join(root, 'corpus.json'), 'utf8')) as {
      text: string;
      docx: string;
      bytes: number;
    };
    process.stdout.write(
      `生成：文本报告 ${count} 份（${LAYOUTS.length} 种版式轮换，共 ${(corpus.bytes / 1e6).toFixed(1)} MB），DOCX ${docxCount} 份，用时 ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
    );

    const rssStart = process.memoryUsage().rss;
    memory.peak = rssStart;
    // Warm-up (JIT, file cache), then alternate floor and reader runs.
    floor(corpus.text);
    await ingestAll(corpus.text);
    const floors: number[] = [];
    const reads: number[] = [];
    const rssAfterRun: number[] = [];
    const heapAfterRun: number[] = [];
    let last = { reports: 0, errors: 0, unread: 0 };
    for (let r = 0; r < runs; r++) {
      floors.push(floor(corpus.text).ms);
      const result = await ingestAll(corpus.text);
      reads.push(result.ms);
      rssAfterRun.push(process.memoryUsage().rss);
      heapAfterRun.push(liveHeap());
      last = result;
    }
    await ingestAll(corpus.docx);
    const docxRuns: number[] = [];
    for (let r = 0; r < runs; r++) docxRuns.push((await ingestAll(corpus.docx)).ms);
    memory.peak = Math.max(memory.peak, process.memoryUsage().rss);

    const floorMs = median(floors);
    const readMs = median(reads);
    const docxMs = median(docxRuns);
    const mb = corpus.bytes / 1e6;
    let docxBytes = 0;
    for (const file of files(corpus.docx)) docxBytes += statSync(file).size;
    const rss = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
    const lines = [
      `文本报告：${(count / (readMs / 1000)).toFixed(0)} 份/s，${(mb / (readMs / 1000)).toFixed(1)} MB/s（解码、识别、修复、校验全部在内，单线程；${runs} 轮中位数）`,
      `下限（同一进程读同样的文件并分行）：${(count / (floorMs / 1000)).toFixed(0)} 份/s，${(mb / (floorMs / 1000)).toFixed(1)} MB/s；读取器耗时为下限的 ${(readMs / floorMs).toFixed(1)} 倍`,
      `DOCX 报告：${(docxCount / (docxMs / 1000)).toFixed(0)} 份/s（${docxCount} 份，${(docxBytes / 1e6).toFixed(1)} MB）`,
      `内存（RSS）：开始 ${rss(rssStart)}，各轮结束 ${rssAfterRun.map(rss).join('、')}，峰值 ${rss(memory.peak)}；各轮结束完整垃圾回收后仍在用的堆 ${heapAfterRun.map((n) => `${(n / 1e6).toFixed(1)} MB`).join('、')}`,
      `结果：每轮 ${last.reports} 份，含错误级问题的 ${last.errors} 份（多为无法唯一修复的连写或缺格行），未读出 ${last.unread} 份`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    if (!args.includes('--keep')) rmSync(root, { recursive: true, force: true });
    else process.stdout.write(`语料保留在 ${root}\n`);
  }
}
