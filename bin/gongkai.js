#!/usr/bin/env node
// Entry point of the `gongkai` command. The TypeScript sources are compiled by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('gongkai 尚未构建：请先在项目目录运行 npm run build（或 npm start）。\n');
  process.exit(2);
}
const { runFromProcess } = await import(main.href);
await runFromProcess();
