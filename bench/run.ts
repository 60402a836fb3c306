/**
 * `npm run bench -- NAME [ARGS…]` runs bench/NAME.ts, whose `main(args)` measures something
 * and prints what it measured. Benchmarks are measured, never asserted (no pass/fail).
 */
import { existsSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
  process.stderr.write(
    '用法：npm run bench -- 名称 [参数…]（运行 bench/名称.ts），如 npm run bench -- applications\n',
  );
  process.exit(2);
}
const file = new URL(`./${name}.ts`, import.meta.url);
if (!existsSync(file)) {
  process.stderr.write(`没有这个基准测试：bench/${name}.ts\n`);
  process.exit(2);
}
const bench = (await import(file.href)) as { main?: (args: string[]) => Promise<void> };
if (typeof bench.main !== 'function') {
  process.stderr.write(`bench/${name}.ts 没有导出 main(args)。\n`);
  process.exit(2);
}
await bench.main(args);
