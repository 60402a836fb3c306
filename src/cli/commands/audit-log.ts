import { verifyAuditChain } from '../../services/audit.js';
import { EXIT } from '../io.js';
import { openRuntime } from '../runtime.js';
import type { RegisterCommand } from './index.js';

export const registerAuditLog: RegisterCommand = (program, io, setExitCode) => {
  const auditLog = program.command('audit-log').description('操作留痕（审计日志）');
  auditLog
    .command('verify')
    .description(
      '沿哈希链逐条校验留痕记录，指出第一条被改动、删除或断链的记录；完好时退出码 0，发现问题时 1',
    )
    .action(async () => {
      // Read-only: verifying must never create, migrate or otherwise touch the store.
      const runtime = await openRuntime(io, { migrate: false, mustExist: true });
      try {
        const result = await verifyAuditChain(runtime.store.db, runtime.ctx.secretKey);
        if (result.ok) {
          io.stdout.write(`留痕完好：共 ${result.rows} 条记录，哈希链完整。\n`);
        } else {
          io.stdout.write(`留痕已被破坏：第 ${result.brokenSeq} 条记录。${result.reason}\n`);
          io.stdout.write(`（此前 ${result.rows} 条记录校验通过。）\n`);
          setExitCode(EXIT.findings);
        }
      } finally {
        await runtime.close();
      }
    });
};
