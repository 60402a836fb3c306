import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliExit, EXIT } from '../io.js';
import { configFrom } from '../runtime.js';
import type { RegisterCommand } from './index.js';

export const registerBackup: RegisterCommand = (program, io) => {
  program
    .command('backup')
    .description(
      '在线备份内置 SQLite 数据库到一个文件（服务运行时也可执行）；PostgreSQL 请用 pg_dump',
    )
    .argument('<文件>', '备份写到哪里，例如 backup/gongkai-2026-11-24.db')
    .action(async (file: string) => {
      const config = configFrom(io);
      const { parseDatabaseUrl } = await import('../../store/database.js');
      const { dialect, target } = parseDatabaseUrl(config.databaseUrl);
      if (dialect !== 'sqlite') {
        throw new CliExit(
          EXIT.usage,
          'PostgreSQL 数据库请用 pg_dump -Fc 备份、pg_restore 恢复（见 README）。',
        );
      }
      if (!existsSync(target)) throw new CliExit(EXIT.usage, `数据库文件不存在：${target}`);
      const out = resolve(io.cwd, file);
      if (existsSync(out))
        throw new CliExit(EXIT.usage, `目标文件已存在：${out}（为免覆盖，请换一个文件名）。`);
      mkdirSync(dirname(out), { recursive: true });
      const { default: BetterSqlite3 } = await import('better-sqlite3');
      const db = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
      try {
        await db.backup(out);
      } catch (error) {
        throw new CliExit(
          EXIT.usage,
          `备份失败：${error instanceof Error ? error.message : String(error)}。请检查目标目录是否可写、磁盘空间是否足够。`,
        );
      } finally {
        db.close();
      }
      io.stdout.write(`已备份到 ${out}\n`);
    });
};
