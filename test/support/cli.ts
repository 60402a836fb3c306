import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the gongkai CLI in-process, capturing what it prints. */
export async function runCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const decoder = new TextDecoder();
  const io: CliIo = {
    stdout: { write: (c) => (stdout += typeof c === 'string' ? c : decoder.decode(c)) },
    stderr: { write: (c) => (stderr += typeof c === 'string' ? c : decoder.decode(c)) },
    // GONGKAI_CRYPTO=sm for the test run runs the CLI under SM4/SM3 too (unless a test sets it).
    env: { GONGKAI_CRYPTO: process.env.GONGKAI_CRYPTO, ...options.env },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
