/**
 * A module hook for a child process that records every module it resolves: the start-up tests
 * (cli-startup, server-startup) run the built program with it and check which libraries it
 * loaded. `--import <register.mjs>` with GONGKAI_TRACE_FILE set appends each resolved URL to that
 * file; a worker thread inherits --import, so its modules are recorded too.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes the hook into a new temporary folder; returns the folder (the caller removes it). */
export function writeModuleTraceHook(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const result = await next(specifier, context);',
      "  appendFileSync(process.env.GONGKAI_TRACE_FILE, result.url + '\\n');",
      '  return result;',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
  );
  return dir;
}
