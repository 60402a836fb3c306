/**
 * `npm run bench -- startup [--runs 10] [--count 1000] [--audit-runs 3] [--compare DIR] [--keep]`
 *
 * Wall time of the built command (dist/, `npm run build` first), as a person at a terminal
 * waits for it, each in a fresh process:
 *
 * 1. the floor: `node -e ''`, Node starting and doing nothing;
 * 2. `gongkai --help`;
 * 3. `gongkai ingest` of one text report (a real report from the repo's corpus fixtures).
 *
 * The three alternate in each round, so they share the machine's load; medians of `--runs`.
 * `--compare DIR` times another built checkout's --help and ingest in the same rounds (e.g.
 * main before a change).
 * Then `gongkai audit --jobs 1` and `--jobs 2` over a generated corpus of text reports (the
 * generator of `bench -- ingest`), alternating, median of `--audit-runs`, and their ratio.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arch, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'gongkai.js');
const REPORT = join(ROOT, 'test', 'fixtures', 'corpus', '003_d68fabd84de01588.txt');

function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} 应为正整数`);
  return value;
}

const median = (values: readonly number[]) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs a command to its end and returns its wall time in milliseconds. */
function timed(args: readonly string[], cwd: string): number {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (child.status !== 0)
    throw new Error(`运行失败（退出码 ${child.status}）：node ${args.join(' ')}\n${child.stderr}`);
  return ms;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

export async function main(args: string[]): Promise<void> {
  const runs = option(args, 'runs', 10);
  const count = option(args, 'count', 1_000);
  const auditRuns = option(args, 'audit-runs', 3);
  const compareAt = args.indexOf('--compare');
  const otherBin = compareAt >= 0 ? join(args[compareAt + 1]!, 'bin', 'gongkai.js') : null;
  if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) {
    process.stderr.write('请先运行 npm run build：本基准测试测量构建后的 gongkai 命令。\n');
    process.exitCode = 2;
    return;
  }
  const cpu = cpus()[0]?.model ?? '（未知）';
  process.stdout.write(
    `startup 基准测试 ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${arch()} · ${cpu} · ${cpus().length} 核 · Node ${process.version}\n`,
  );
  process.stdout.write(`开始时负载（1/5/15 分钟）：${load()}\n`);
  const root = mkdtempSync(join(tmpdir(), 'gongkai-bench-startup-'));
  try {
    // Start-up: floor, --help and one ingest alternate, after one warm-up round (file cache).
    const floor: number[] = [];
    const help: number[] = [];
    const ingest: number[] = [];
    const otherHelp: number[] = [];
    const otherIngest: number[] = [];
    const round = () => ({
      floor: timed(['-e', ''], root),
      help: timed([BIN, '--help'], root),
      ingest: timed([BIN, 'ingest', REPORT], root),
      ...(otherBin
        ? {
            otherHelp: timed([otherBin, '--help'], root),
            otherIngest: timed([otherBin, 'ingest', REPORT], root),
          }
        : {}),
    });
    round();
    for (let r = 0; r < runs; r++) {
      const t = round();
      floor.push(t.floor);
      help.push(t.help);
      ingest.push(t.ingest);
      if (t.otherHelp !== undefined) otherHelp.push(t.otherHelp);
      if (t.otherIngest !== undefined) otherIngest.push(t.otherIngest);
    }
    const f = median(floor);
    const h = median(help);
    const i = median(ingest);
    process.stdout.write(
      [
        `下限 node -e ''：${ms(f)}（${runs} 次中位数，最小 ${ms(Math.min(...floor))}）`,
        `gongkai --help：${ms(h)}，为下限的 ${(h / f).toFixed(2)} 倍，比下限多 ${ms(h - f)}（最小 ${ms(Math.min(...help))}）`,
        `gongkai ingest（一份文本报告，在读取线程中）：${ms(i)}，为下限的 ${(i / f).toFixed(2)} 倍，比下限多 ${ms(i - f)}（最小 ${ms(Math.min(...ingest))}）`,
        ...(otherBin
          ? [
              `对照 ${otherBin}：--help ${ms(median(otherHelp))}（下限的 ${(median(otherHelp) / f).toFixed(2)} 倍），ingest ${ms(median(otherIngest))}（下限的 ${(median(otherIngest) / f).toFixed(2)} 倍）`,
            ]
          : []),
        `负载（1/5/15 分钟）：${load()}`,
      ].join('\n') + '\n',
    );

    // audit --jobs 1 against --jobs 2 over a generated corpus.
    const t = performance.now();
    const generator = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'bench', 'run.ts'),
        'ingest',
        '--generate-into',
        root,
        '--count',
        String(count),
        '--docx',
        '1',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (generator.status !== 0) throw new Error('生成语料失败');
    const corpus = JSON.parse(readFileSync(join(root, 'corpus.json'), 'utf8')) as {
      text: string;
      bytes: number;
    };
    process.stdout.write(
      `生成：文本报告 ${count} 份（${(corpus.bytes / 1e6).toFixed(1)} MB），用时 ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
    );
    const audit = (jobs: number) =>
      timed([BIN, 'audit', corpus.text, '--jobs', String(jobs), '--format', 'csv'], root);
    audit(2);
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < auditRuns; r++) {
      one.push(audit(1));
      two.push(audit(2));
    }
    const a1 = median(one);
    const a2 = median(two);
    process.stdout.write(
      [
        `gongkai audit --jobs 1：${(a1 / 1000).toFixed(2)} s（${(count / (a1 / 1000)).toFixed(0)} 份/s；${auditRuns} 次中位数：${one.map((x) => (x / 1000).toFixed(2)).join('、')} s）`,
        `gongkai audit --jobs 2：${(a2 / 1000).toFixed(2)} s（${(count / (a2 / 1000)).toFixed(0)} 份/s；${two.map((x) => (x / 1000).toFixed(2)).join('、')} s）`,
        `--jobs 2 为 --jobs 1 的 ${(a1 / a2).toFixed(2)} 倍速度`,
        `结束时负载（1/5/15 分钟）：${load()}`,
      ].join('\n') + '\n',
    );
  } finally {
    if (!args.includes('--keep')) rmSync(root, { recursive: true, force: true });
    else process.stdout.write(`语料保留在 ${root}\n`);
  }
}
