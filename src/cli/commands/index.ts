import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerAgency } from './agency.js';
import { registerAudit } from './audit.js';
import { registerAuditLog } from './audit-log.js';
import { registerBackup } from './backup.js';
import { registerCalendar } from './calendar.js';
import { registerFee } from './fee.js';
import { registerIngest } from './ingest.js';
import { registerMigrate } from './migrate.js';
import { registerReport } from './report.js';
import { registerSecrets } from './secrets.js';
import { registerServe } from './serve.js';
import { registerUser } from './user.js';

/** A command module adds its subcommands to the program. */
export type RegisterCommand = (
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
) => void;

const commands: RegisterCommand[] = [
  registerServe,
  registerMigrate,
  registerUser,
  registerAgency,
  registerAuditLog,
  registerBackup,
  registerReport,
  registerCalendar,
  registerFee,
  registerIngest,
  registerAudit,
  registerSecrets,
];

export function registerCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  for (const register of commands) register(program, io, setExitCode);
}
