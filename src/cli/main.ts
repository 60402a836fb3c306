import { Command, CommanderError } from 'commander';
import { CliExit, EXIT, type CliIo } from './io.js';
import { registerCommands } from './commands/index.js';

/** Builds the `gongkai` program. Each command writes through `io` and sets `process.exitCode`-free results. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('gongkai')
    .description('gongkai 政府信息公开工作系统')
    .showHelpAfterError('（运行 gongkai --help 查看用法）')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  registerCommands(program, io, setExitCode);
  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit
 * code. Never calls process.exit, so tests run it in-process.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0.
      if (error.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof CliExit) {
      if (error.message) io.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`gongkai：意外错误：${message}\n`);
    return EXIT.usage;
  }
}

/** Entry point used by bin/gongkai.js. */
export async function runFromProcess(): Promise<void> {
  const code = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
