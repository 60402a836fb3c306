/**
 * `npm run bench -- uploads [--files 8] [--mb 11] [--workers 2] [--memory 512]`
 *
 * The reading pool under a hostile load: `files` uploads of an `mb` MB page of nested elements
 * at once, read by the pool (`workers` threads, `memory` MB heap each), as the server reads them.
 * Prints the wall time, the peak RSS of the process (sampled every 50 ms) beside the RSS before
 * (the floor, measured in the same run), and the findings. Not yet the whole measure
 * (the portal under load and TOTP sign-in beside it are not part of this bench).
 */
import { performance } from 'node:perf_hooks';
import { ReaderPool } from '../src/ingest/pool.js';

export async function main(args: string[]): Promise<void> {
  const value = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const files = value('files', 8);
  const mb = value('mb', 11);
  const workers = value('workers', 2);
  const memoryMb = value('memory', 512);
  const depth = Math.floor((mb * 1024 * 1024 - 40) / 11);
  const page = new TextEncoder().encode(
    `<html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`,
  );
  const pool = new ReaderPool({ workers, memoryMb, perOwner: files, ingest: {} });
  const floor = process.memoryUsage().rss;
  let peak = floor;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: files }, (_, i) =>
      pool.read({ bytes: page, file: `nested-${i}.html` }, `user-${i}`),
    ),
  );
  const wall = performance.now() - start;
  clearInterval(sampler);
  await pool.close();
  const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
  process.stdout.write(
    `${files} 个 ${mb} MB 嵌套 HTML，${workers} 个读取线程（每个堆上限 ${memoryMb} MB）\n` +
      `总耗时 ${(wall / 1000).toFixed(2)} s；RSS 峰值 ${mib(peak)}，开始前 ${mib(floor)}（增加 ${mib(peak - floor)}）\n` +
      `结果：${[...new Set(results.map((r) => r.findings[0]?.message ?? '读入'))].join('；')}\n`,
  );
}
