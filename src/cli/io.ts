/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem in its input (e.g. a report with errors). */
  findings: 1,
  /** The command could not run: bad arguments, unreadable file. */
  usage: 2,
} as const;

/** Thrown by a command to end with a message and an exit code, without a stack trace. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
