import { Command, CommanderError } from 'commander';
import { CliExit, EXIT, type CliIo } from './io.js';
import { registerCommands } from './commands/index.js';

/** Commander prints its own framing in English; people using gongkai read Chinese. */
const COMMANDER_PHRASES: [RegExp, string][] = [
  [/^Usage:/gm, '用法：'],
  [/^Options:/gm, '选项：'],
  [/^Commands:/gm, '命令：'],
  [/^Arguments:/gm, '参数：'],
  [/display help for command/g, '显示帮助'],
  [/\[options\]/g, '[选项]'],
  [/\[command\]/g, '[命令]'],
  [/\(choices: ([^)]*)\)/g, '（可选：$1）'],
  [/\(default: ([^)]*)\)/g, '（默认：$1）'],
  [/^error: unknown command '([^']*)'/gm, "错误：没有命令 '$1'"],
  [/^error: unknown option '([^']*)'/gm, "错误：没有选项 '$1'"],
  [/^error: required option '([^']*)' not specified/gm, "错误：缺少必需的选项 '$1'"],
  [/^error: missing required argument '([^']*)'/gm, "错误：缺少参数 '$1'"],
  [/^error: too many arguments.*$/gm, '错误：参数太多'],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/gm,
    "错误：选项 '$1' 的值 '$2' 无效，可选：$3。",
  ],
  [/^error: option '([^']*)' argument missing/gm, "错误：选项 '$1' 缺少取值"],
  [/^error: /gm, '错误：'],
];

export function localiseCommanderText(text: string): string {
  return COMMANDER_PHRASES.reduce(
    (t, [pattern, replacement]) => t.replace(pattern, replacement),
    text,
  );
}

/** Builds the `gongkai` program. Each command writes through `io` and sets `process.exitCode`-free results. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('gongkai')
    .description('gongkai 政府信息公开工作系统')
    .showHelpAfterError('（运行 gongkai --help 查看用法）')
    .configureOutput({
      writeOut: (s) => io.stdout.write(localiseCommanderText(s)),
      writeErr: (s) => io.stderr.write(localiseCommanderText(s)),
    })
    .helpCommand('help [命令]', '显示某个命令的帮助')
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
