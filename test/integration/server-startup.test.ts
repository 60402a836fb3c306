/**
 * The server loads the document libraries when a document is first made, not when it starts:
 * each takes from a few hundred milliseconds (nodemailer) to seconds (playwright-core) to
 * import, and every test file that builds the app would pay for all of them. The built server
 * (dist/, `npm run build`) is imported in a child process with a module hook that records every
 * module resolved, as cli-startup.test.ts does for the command line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeModuleTraceHook } from '../support/module-trace.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = join(ROOT, 'dist', 'server', 'server', 'app.js');

/** Libraries only a document, a spreadsheet, an upload or an e-mail needs. */
const ON_FIRST_USE = ['docx', 'exceljs', 'playwright-core', 'nodemailer', 'mammoth', 'pdfjs-dist'];

let dir: string;

beforeAll(() => {
  if (!existsSync(APP))
    throw new Error('dist/ 不存在：请先运行 npm run build（本测试加载构建后的服务）。');
  dir = writeModuleTraceHook('gongkai-server-startup-');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the server starts without the document libraries', () => {
  it('importing the app loads the web server, not docx, exceljs, playwright-core or nodemailer', () => {
    const trace = join(dir, 'app.txt');
    writeFileSync(trace, '');
    execFileSync(
      process.execPath,
      [
        '--import',
        join(dir, 'register.mjs'),
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(pathToFileURL(APP).href)});`,
      ],
      { cwd: dir, env: { ...process.env, GONGKAI_TRACE_FILE: trace }, encoding: 'utf8' },
    );
    const packages = new Set<string>();
    for (const url of readFileSync(trace, 'utf8').split('\n')) {
      const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      if (m) packages.add(m[1]!);
    }
    // The hook saw the server being loaded (the trace is not empty by accident).
    expect(packages.has('fastify')).toBe(true);
    expect([...packages].filter((p) => ON_FIRST_USE.includes(p))).toEqual([]);
    // A child process loading the whole server through a module hook: allowed more than the
    // default minute on a loaded machine (it took 70 s at a load average of 22).
  }, 180_000);
});
