import { openRuntime } from '../runtime.js';
import type { RegisterCommand } from './index.js';

export const registerMigrate: RegisterCommand = (program, io) => {
  program
    .command('migrate')
    .description('把数据库迁移到最新结构（serve 启动时也会自动执行）')
    .action(async () => {
      const { migrateToLatest } = await import('../../store/database.js');
      const runtime = await openRuntime(io, { migrate: false });
      try {
        const applied = await migrateToLatest(runtime.store);
        io.stdout.write(
          applied.length === 0
            ? `数据库已是最新结构（${runtime.store.location}）。\n`
            : `已执行迁移：${applied.join('、')}\n`,
        );
      } finally {
        await runtime.close();
      }
    });
};
