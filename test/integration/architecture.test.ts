import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rule of eslint.config.js keeps the domain core pure; prove that it bites. */
describe('the domain core boundary', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath = 'src/core/report/__boundary_fixture__.ts') => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('fails when the core imports an adapter', async () => {
    const messages = await lint(
      "import { openStore } from '../../store/database.js';\nexport const x = openStore;\n",
    );
    expect(
      messages.some((m) => m.startsWith('no-restricted-imports') && m.includes('不得依赖适配器')),
    ).toBe(true);
  });

  it('fails when the core imports Node I/O or a database driver', async () => {
    const messages = await lint(
      "import { readFileSync } from 'node:fs';\nimport pg from 'pg';\nexport const y = [readFileSync, pg];\n",
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2);
  });

  it('fails for every Node built-in, not just a list of the usual ones', async () => {
    const messages = await lint(
      "import { lookup } from 'dns';\nimport * as rl from 'readline';\nimport { ReadableStream } from 'stream/web';\nexport const z = [lookup, rl, ReadableStream];\n",
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(3);
  });

  it('also fails through the import-x zone rule when an adapter path resolves', async () => {
    const messages = await lint(
      "import { openStore } from '../../store/database.js';\nexport const x = openStore;\n",
    );
    expect(messages.some((m) => m.startsWith('import-x/no-restricted-paths'))).toBe(true);
  });

  it('fails when the core reads the clock or draws random numbers', async () => {
    const messages = await lint(
      'export const t = Date.now() + Math.random() + new Date().getTime();\n',
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax'))).toHaveLength(3);
  });

  it('lets adapters import the core, and the core import itself', async () => {
    expect(
      await lint(
        "import { can } from '../core/auth/roles.js';\nexport const c = can;\n",
        'src/server/__fixture__.ts',
      ),
    ).toEqual([]);
    expect(await lint("import { can } from '../auth/roles.js';\nexport const c = can;\n")).toEqual(
      [],
    );
  });
});
