import { listAgenciesAll } from '../../store/repositories/organisations.js';
import { openRuntime } from '../runtime.js';
import type { RegisterCommand } from './index.js';

export const registerAgency: RegisterCommand = (program, io) => {
  program
    .command('agency')
    .description('机关')
    .command('list')
    .description('列出全部机关及其编号（新建用户时用）')
    .action(async () => {
      const runtime = await openRuntime(io);
      try {
        const agencies = await listAgenciesAll(runtime.store.db);
        if (agencies.length === 0) io.stdout.write('还没有机关。\n');
        for (const a of agencies) io.stdout.write(`${a.id}\t${a.name}\t${a.government_name}\n`);
      } finally {
        await runtime.close();
      }
    });
};
