/**
 * `npm run bench -- startup [--runs 10] [--count 1000[,10000…]] [--audit-runs 3] [--compare DIR]
 *   [--audit-only] [--keep]`
 *
 * Wall time of the built command (dist/, `npm run build` first), as a person at a terminal
 * waits for it, each in a fresh process:
 *
 * 1. the floor: `node -e ''`, Node starting and doing nothing;
 * 2. `gongkai --help`;
 * 3. `gongkai ingest` of one text report (a real report from the repo's corpus fixtures).
 *
 * The three alternate in each round, so they share the machine's load; medians of `--runs`.
 * `--compare DIR` times another built checkout's --help, ingest and audit in the same rounds (e.g.
 * main before a change).
 * Then `gongkai audit --jobs 1` and `--jobs 2` over a generated corpus of text reports (the
 * generator of `bench -- ingest`) of each size given to `--count`, alternating, median of
 * `--audit-runs`, and their ratio; and, from /proc (Linux), the CPU time of each run's threads:
 * the main thread, the reading threads (the `jobs` busiest other threads) and the rest (V8's
 * compiler and GC helpers, libuv's pool). The overhead per report is all but the reading
 * threads' time: on a shared machine it says more than the wall times do. `--audit-only` skips
 * the start-up part.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
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

/** CPU seconds of a run's threads (from /proc, sampled until the process ends). */
interface ThreadCpu {
  main: number;
  readers: number;
  other: number;
  total: number;
}

const TICKS = 100; // USER_HZ: the unit of utime and stime in /proc/PID/task/TID/stat

/** Every thread's CPU seconds so far, by thread id (an empty map off Linux). */
function threadTimes(pid: number, into: Map<number, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      into.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // The thread ended between the listing and the read: its last sample stands.
    }
  }
}

/** Runs a command to its end: its wall time in milliseconds and its threads' CPU time. */
async function timedCpu(
  args: readonly string[],
  cwd: string,
  readers: number,
): Promise<{ ms: number; cpu: ThreadCpu | null }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const times = new Map<number, number>();
  const sampler = setInterval(() => child.pid && threadTimes(child.pid, times), 25);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ms = performance.now() - t0;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`运行失败（退出码 ${code}）：node ${args.join(' ')}\n${stderr}`);
  if (times.size === 0) return { ms, cpu: null };
  const main = times.get(child.pid!) ?? 0;
  const others = [...times].filter(([tid]) => tid !== child.pid).map(([, s]) => s);
  others.sort((a, b) => b - a);
  const reading = others.slice(0, readers).reduce((a, b) => a + b, 0);
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  return { ms, cpu: { main, readers: reading, other: total - main - reading, total } };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** Start-up: floor, --help and one ingest alternate, after one warm-up round (file cache). */
function startup(root: string, runs: number, otherBin: string | null): void {
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
}

/** audit --jobs 1 against --jobs 2 over a generated corpus of `count` text reports. */
async function auditRatio(
  root: string,
  count: number,
  auditRuns: number,
  otherBin: string | null,
): Promise<void> {
  const into = join(root, String(count));
  const t = performance.now();
  const generator = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'bench', 'run.ts'),
      'ingest',
      '--generate-into',
      into,
      '--count',
      String(count),
      '--docx',
      '1',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (generator.status !== 0) throw new Error('生成语料失败');
  const corpus = JSON.parse(readFileSync(join(into, 'corpus.json'), 'utf8')) as {
    text: string;
    bytes: number;
  };
  process.stdout.write(
    `生成：文本报告 ${count} 份（${(corpus.bytes / 1e6).toFixed(1)} MB），用时 ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
  const audit = (jobs: number, bin = BIN) =>
    timedCpu([bin, 'audit', corpus.text, '--jobs', String(jobs), '--format', 'csv'], root, jobs);
  type Run = Awaited<ReturnType<typeof audit>>;
  await audit(2);
  const one: Run[] = [];
  const two: Run[] = [];
  const otherOne: Run[] = [];
  const otherTwo: Run[] = [];
  for (let r = 0; r < auditRuns; r++) {
    one.push(await audit(1));
    two.push(await audit(2));
    if (otherBin) {
      otherOne.push(await audit(1, otherBin));
      otherTwo.push(await audit(2, otherBin));
    }
  }
  const walls = (xs: readonly { ms: number }[]) =>
    xs.map((x) => (x.ms / 1000).toFixed(2)).join('、');
  /** The run of median total CPU, in seconds, and per report in milliseconds. */
  const cpuLine = (jobs: number, xs: readonly { cpu: ThreadCpu | null }[]) => {
    const cpus = xs.map((x) => x.cpu).filter((c): c is ThreadCpu => c !== null);
    if (cpus.length === 0) return [];
    const c = cpus.sort((x, y) => x.total - y.total)[Math.floor(cpus.length / 2)]!;
    const per = (s: number) => ((s * 1000) / count).toFixed(3);
    return [
      `  --jobs ${jobs} 的 CPU 时间（总计中位数那次）：共 ${c.total.toFixed(2)} s，每份 ${per(c.total)} ms：` +
        `读取线程 ${c.readers.toFixed(2)} s（每份 ${per(c.readers)} ms），主线程 ${c.main.toFixed(2)} s，` +
        `其他线程（V8 编译与 GC、libuv）${c.other.toFixed(2)} s；读取线程之外每份 ${per(c.total - c.readers)} ms`,
    ];
  };
  const lines = (label: string, one: readonly Run[], two: readonly Run[]) => {
    const a1 = median(one.map((x) => x.ms));
    const a2 = median(two.map((x) => x.ms));
    return [
      `${label}audit --jobs 1（${count} 份）：${(a1 / 1000).toFixed(2)} s（${(count / (a1 / 1000)).toFixed(0)} 份/s；${auditRuns} 次中位数：${walls(one)} s）`,
      ...cpuLine(1, one),
      `${label}audit --jobs 2（${count} 份）：${(a2 / 1000).toFixed(2)} s（${(count / (a2 / 1000)).toFixed(0)} 份/s；${walls(two)} s）`,
      ...cpuLine(2, two),
      `${label}--jobs 2 为 --jobs 1 的 ${(a1 / a2).toFixed(2)} 倍速度`,
    ];
  };
  process.stdout.write(
    [
      ...lines('gongkai ', one, two),
      ...(otherBin ? lines(`对照 ${otherBin}：`, otherOne, otherTwo) : []),
      `负载（1/5/15 分钟）：${load()}`,
    ].join('\n') + '\n',
  );
}

export async function main(args: string[]): Promise<void> {
  const runs = option(args, 'runs', 10);
  const countAt = args.indexOf('--count');
  const counts = countAt < 0 ? [1_000] : args[countAt + 1]!.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--count 应为正整数，或以逗号分隔的几个正整数');
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
    if (!args.includes('--audit-only')) startup(root, runs, otherBin);
    for (const count of counts) await auditRatio(root, count, auditRuns, otherBin);
    process.stdout.write(`结束时负载（1/5/15 分钟）：${load()}\n`);
  } finally {
    if (!args.includes('--keep')) rmSync(root, { recursive: true, force: true });
    else process.stdout.write(`语料保留在 ${root}\n`);
  }
}
