import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** A command module adds its subcommands to the program. */
export type RegisterCommand = (
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
) => void;

const commands: RegisterCommand[] = [];

export function registerCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  for (const register of commands) register(program, io, setExitCode);
}
