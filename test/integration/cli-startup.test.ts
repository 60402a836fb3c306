/**
 * `gongkai --help` and one `gongkai ingest` of a text report are interactive: they load only
 * what they use. Each runs the built command (dist/, `npm run build`) in a child process with a
 * module hook that records every module resolved, in the main thread and in the reading thread;
 * the heavy libraries (database drivers, the web server, the document libraries, the browser,
 * the schema libraries) must not be among them. How long it takes is measured by
 * `npm run bench -- startup`, not asserted here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeModuleTraceHook } from '../support/module-trace.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'gongkai.js');
const REPORT = join(ROOT, 'test', 'fixtures', 'corpus', '003_d68fabd84de01588.txt');

/** Packages no start-up path below may load: each belongs to a command that needs it. */
const HEAVY = [
  'kysely',
  'better-sqlite3',
  'pg',
  'argon2',
  'fastify',
  '@fastify',
  'pino',
  'nodemailer',
  'docx',
  'mammoth',
  'pdfjs-dist',
  'exceljs',
  'playwright-core',
  'ajv',
  'ajv-formats',
  '@sinclair/typebox',
  'htmlparser2',
  'cli-progress',
  'iconv-lite',
];

let dir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js')))
    throw new Error('dist/ 不存在：请先运行 npm run build（本测试运行构建后的 gongkai 命令）。');
  dir = writeModuleTraceHook('gongkai-startup-');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the built gongkai with the hook; returns its output and the modules it resolved. */
function traced(name: string, args: string[]): { stdout: string; modules: string[] } {
  const trace = join(dir, `${name}.txt`);
  writeFileSync(trace, '');
  const stdout = execFileSync(
    process.execPath,
    ['--import', join(dir, 'register.mjs'), BIN, ...args],
    {
      cwd: dir,
      env: { ...process.env, GONGKAI_TRACE_FILE: trace, GONGKAI_DATA_DIR: dir },
      encoding: 'utf8',
    },
  );
  return { stdout, modules: readFileSync(trace, 'utf8').split('\n').filter(Boolean) };
}

/** The packages among the modules (scoped packages by their scope and name). */
function packagesOf(modules: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const url of modules) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m) names.add(m[1]!);
  }
  return names;
}

const heavyAmong = (packages: Set<string>) =>
  [...packages].filter((p) => HEAVY.some((h) => p === h || p.startsWith(`${h}/`)));

const ours = (modules: readonly string[], folder: string) =>
  modules.filter((url) => url.includes(`/dist/server/${folder}/`));

describe('gongkai start-up loads only what the command uses', () => {
  it('--help: commander and the commands’ definitions, no store, server, reader or library', () => {
    const { stdout, modules } = traced('help', ['--help']);
    expect(stdout).toContain('用法： gongkai');
    expect(stdout).toContain('ingest');
    const packages = packagesOf(modules);
    // The hook saw the program being built (the trace is not empty by accident).
    expect(packages.has('commander')).toBe(true);
    expect(heavyAmong(packages)).toEqual([]);
    expect(ours(modules, 'store')).toEqual([]);
    expect(ours(modules, 'server')).toEqual([]);
    // The reader is not loaded (the names of the date sources are a list of words).
    expect(
      ours(modules, 'core/ingest').filter((u) => !u.endsWith('/core/ingest/date-sources.js')),
    ).toEqual([]);
    expect(ours(modules, 'render').filter((u) => !u.endsWith('/render/formats.js'))).toEqual([]);
  });

  it('ingest of a text report: the reader in its thread, no HTML/DOCX/PDF reader, schema library or store', () => {
    const { stdout, modules } = traced('ingest', ['ingest', REPORT]);
    expect(stdout).toContain('机关：市中区工业和信息化局');
    // The reading thread's modules are in the trace: the reader itself was loaded there.
    expect(ours(modules, 'core/ingest').some((u) => u.endsWith('/core/ingest/read.js'))).toBe(true);
    expect(heavyAmong(packagesOf(modules))).toEqual([]);
    expect(ours(modules, 'store')).toEqual([]);
    expect(ours(modules, 'server')).toEqual([]);
    for (const reader of ['html.js', 'docx.js', 'archive.js'])
      expect(modules.filter((u) => u.endsWith(`/dist/server/ingest/${reader}`))).toEqual([]);
    expect(modules.filter((u) => u.endsWith('/core/report/schema.js'))).toEqual([]);
  });
});
