import { AUDIT_RETENTION_DAYS } from '../../core/audit/retention.js';
import { CliExit, EXIT } from '../io.js';
import { openRuntime } from '../runtime.js';
import type { RegisterCommand } from './index.js';

export const registerAuditLog: RegisterCommand = (program, io, setExitCode) => {
  const auditLog = program.command('audit-log').description('操作留痕（审计日志）');
  auditLog
    .command('verify')
    .description(
      '沿哈希链逐条校验留痕记录（含已归档的签名文件），并与链外锚点核对，指出第一条被改动、删除或断链的记录，以及整体删除或恢复旧备份；完好时退出码 0，发现问题时 1',
    )
    .action(async () => {
      const { verifyAuditTrail } = await import('../../services/audit-trail.js');
      // Read-only: verifying must never create, migrate or otherwise touch the store.
      const runtime = await openRuntime(io, { migrate: false, mustExist: true });
      try {
        const result = await verifyAuditTrail(
          runtime.store.db,
          runtime.ctx.secretKey,
          runtime.config.auditAnchorDir,
        );
        if (result.ok) {
          const archived =
            result.archivedRows > 0 ? `（另有 ${result.archivedRows} 条已归档）` : '';
          const anchored =
            result.anchoredSeq === null
              ? '尚无链外锚点（还没有任何留痕）。'
              : `与链外锚点一致（锚点记到第 ${result.anchoredSeq} 条）。`;
          io.stdout.write(
            `留痕完好：共 ${result.rows} 条记录${archived}，哈希链完整；${anchored}\n`,
          );
          for (const warning of result.warnings) io.stdout.write(`注意：${warning}\n`);
        } else {
          for (const problem of result.problems) io.stdout.write(`${problem}\n`);
          io.stdout.write(
            result.brokenSeq === undefined
              ? `（数据库中 ${result.rows} 条记录校验通过。）\n`
              : `（此前 ${result.rows} 条记录校验通过。）\n`,
          );
          setExitCode(EXIT.findings);
        }
      } finally {
        await runtime.close();
      }
    });
  auditLog
    .command('archive')
    .description(
      `把早于保存期限（${AUDIT_RETENTION_DAYS} 天）的留痕归档为签名文件（在锚点目录的 archive 文件夹中），再从数据库中移除；未满 ${AUDIT_RETENTION_DAYS} 天的记录数据库拒绝删除`,
    )
    .option('--before <日期>', '只归档此日期（YYYY-MM-DD）之前的记录；不能晚于保存期限')
    .action(async (options: { before?: string }) => {
      let before: Date | undefined;
      if (options.before !== undefined) {
        if (
          !/^\d{4}-\d{2}-\d{2}$/.test(options.before) ||
          Number.isNaN(Date.parse(options.before))
        ) {
          throw new CliExit(
            EXIT.usage,
            `--before ${options.before} 无效：应为 YYYY-MM-DD 形式的日期。`,
          );
        }
        before = new Date(`${options.before}T00:00:00+08:00`);
      }
      const { archiveAuditTrail } = await import('../../services/audit-archive.js');
      const runtime = await openRuntime(io);
      try {
        const result = await archiveAuditTrail(
          runtime.ctx,
          { kind: 'system', label: '命令行：gongkai audit-log archive' },
          runtime.config.auditAnchorDir,
          before ? { before } : {},
        );
        io.stdout.write(
          result.rows === 0
            ? `没有早于保存期限（${AUDIT_RETENTION_DAYS} 天）的留痕需要归档。\n`
            : `已归档 ${result.rows} 条留痕：${result.files.join('、')}（在 ${runtime.config.auditAnchorDir}/archive）。\n`,
        );
      } catch (error) {
        throw new CliExit(EXIT.findings, error instanceof Error ? error.message : String(error));
      } finally {
        await runtime.close();
      }
    });
};
