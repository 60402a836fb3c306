import { EXIT } from '../io.js';
import { openRuntime } from '../runtime.js';
import type { RegisterCommand } from './index.js';

const ALGORITHM_NAMES: Record<string, string> = {
  aes: 'AES-256-GCM',
  sm4: 'SM4-CTR + HMAC-SM3',
};

/**
 * `gongkai secrets status` and `gongkai secrets rotate`: which algorithm and key each sealed
 * value is under, and re-sealing them all under the configured ones (GONGKAI_CRYPTO, the first
 * of GONGKAI_FIELD_KEYS). Keys are named by their fingerprint only.
 */
export const registerSecrets: RegisterCommand = (program, io, setExitCode) => {
  const secrets = program.command('secrets').description('个人信息加密：密钥与算法');
  secrets
    .command('status')
    .description('按算法和密钥统计加密存放的个人信息；有不在当前算法和密钥下的，退出码 1')
    .action(async () => {
      const { sealedInventory } = await import('../../services/key-rotation.js');
      const runtime = await openRuntime(io, { migrate: false, mustExist: true });
      try {
        const inventory = await sealedInventory(runtime.ctx);
        let stale = 0;
        for (const entry of inventory) {
          io.stdout.write(
            `${entry.table}.${entry.column}\t${ALGORITHM_NAMES[entry.algorithm] ?? entry.algorithm}\t密钥 ${entry.keyId ?? '未知'}\t${entry.count} 项${entry.current ? '（当前）' : '（待轮换）'}\n`,
          );
          if (!entry.current) stale += entry.count;
        }
        io.stdout.write(
          stale === 0
            ? '全部加密字段都在当前算法和密钥下。\n'
            : `共 ${stale} 项不在当前算法和密钥下：请运行 gongkai secrets rotate。\n`,
        );
        if (stale > 0) setExitCode(EXIT.findings);
      } finally {
        await runtime.close();
      }
    });
  secrets
    .command('rotate')
    .description(
      '用当前算法（GONGKAI_CRYPTO）和第一把字段密钥重新加密全部个人信息；分批提交，服务可照常运行，中断后再次运行即从中断处继续',
    )
    .option('--batch <n>', '每批的行数', '500')
    .action(async (options: { batch: string }) => {
      const batchSize = Number(options.batch);
      if (!Number.isInteger(batchSize) || batchSize <= 0) {
        io.stderr.write(`--batch ${options.batch} 无效：应为正整数。\n`);
        setExitCode(EXIT.usage);
        return;
      }
      const { rotateSealedValues } = await import('../../services/key-rotation.js');
      const runtime = await openRuntime(io, { migrate: false, mustExist: true });
      try {
        const result = await rotateSealedValues(
          runtime.ctx,
          { kind: 'system', label: '密钥轮换（命令行）' },
          {
            batchSize,
            onBatch: (p) => {
              if (p.resealed > 0) io.stdout.write(`${p.table}：本批重新加密 ${p.resealed} 项\n`);
            },
          },
        );
        io.stdout.write(
          `完成：重新加密 ${result.resealed} 项，现均为 ${ALGORITHM_NAMES[result.algorithm]}、密钥 ${result.keyId}。\n`,
        );
        if (result.raced > 0) {
          io.stdout.write(
            `另有 ${result.raced} 项在轮换期间被修改，未覆盖；请再运行一次 gongkai secrets rotate。\n`,
          );
          setExitCode(EXIT.findings);
        }
      } finally {
        await runtime.close();
      }
    });
};
