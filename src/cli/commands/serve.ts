import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS } from '../../core/auth/roles.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/limits.js';
import { CliExit, EXIT } from '../io.js';
import { openRuntime, packageRoot } from '../runtime.js';
import type { RegisterCommand } from './index.js';

/** Closes the server (in-flight requests finish first) and then the store. */
export async function shutDown(
  app: FastifyInstance,
  closeStore: () => Promise<void>,
): Promise<void> {
  await app.close();
  const { closeSharedChromium } = await import('../../render/chromium.js');
  await closeSharedChromium();
  await closeStore();
}

export const registerServe: RegisterCommand = (program, io) => {
  program
    .command('serve')
    .description(
      '启动服务（工作台、门户与 JSON 接口）；首次运行时创建数据库、执行迁移并生成演示数据',
    )
    .action(async () => {
      // The server's modules are loaded here, not by every gongkai command (--help stays fast).
      const [
        { buildApp },
        { bootstrap, FIRST_ADMINISTRATORS },
        { smtpTransport },
        schedulerModule,
        { secretBoxOf },
        { ReaderPool },
      ] = await Promise.all([
        import('../../server/app.js'),
        import('../../services/bootstrap.js'),
        import('../../services/mail.js'),
        import('../../services/scheduler.js'),
        import('../../services/secrets.js'),
        import('../../ingest/pool.js'),
      ]);
      const { reminderJob, Scheduler } = schedulerModule;
      const runtime = await openRuntime(io);
      const { config, ctx } = runtime;
      let seeded;
      try {
        seeded = await bootstrap(ctx, config);
      } catch (error) {
        await runtime.close();
        throw new CliExit(EXIT.usage, error instanceof Error ? error.message : String(error));
      }
      // The administrators' logins are shown at once: if anything below fails (a port in use),
      // they must not be lost, since they are never shown again.
      if (seeded.administrators.length > 0) {
        const lines = seeded.administrators.map((a) => {
          const first = FIRST_ADMINISTRATORS.find((f) => f.role === a.role)!;
          const label = ROLE_LABELS[a.role];
          return first.passwordOf(config)
            ? `${label}账号：${a.username}  初始密码为 ${first.variable} 所设\n`
            : `${label}账号：${a.username}  初始密码：${a.password}\n`;
        });
        io.stdout.write(
          `已创建三员账号（系统管理员、安全管理员、审计管理员，分别由不同的人保管）：\n${lines.join('')}` +
            '（只显示这一次；首次登录后须修改密码。）\n',
        );
      }
      // Every uploaded file is read in this bounded pool (GONGKAI_READ_WORKERS and friends).
      ctx.readers = new ReaderPool({
        workers: config.readWorkers,
        memoryMb: config.readWorkerMemoryMb,
        perOwner: config.readsPerUser,
        ingest: { maxBytes: Math.max(config.uploadLimitBytes, DEFAULT_MAX_BYTES) },
      });
      const app = await buildApp({
        ctx,
        config,
        logger: {
          level: config.logLevel,
          redact: [
            'req.headers.cookie',
            'req.headers["x-csrf-token"]',
            'res.headers["set-cookie"]',
          ],
        },
        webRoot: join(packageRoot(), 'dist', 'web'),
      });
      try {
        await app.listen({ host: config.host, port: config.port });
      } catch (error) {
        await runtime.close();
        const code = (error as { code?: string }).code;
        throw new CliExit(
          EXIT.usage,
          code === 'EADDRINUSE'
            ? `端口 ${config.port} 已被占用：请停止占用它的程序，或用 GONGKAI_PORT 换一个端口。`
            : `无法启动服务：${error instanceof Error ? error.message : String(error)}`,
        );
      }
      // Daily reminders (due soon, overdue, the holiday notice) and the e-mail outbox.
      const scheduler = config.scheduler
        ? new Scheduler(ctx, {
            jobs: [reminderJob({ publicUrl: config.publicUrl })],
            mail: smtpTransport(config),
            log: app.log,
          })
        : null;
      scheduler?.start();
      const shown =
        config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
      const address = config.publicUrl ?? `http://${shown}:${config.port}/`;
      io.stdout.write(`\ngongkai 已启动：${address}\n`);
      io.stdout.write(`工作台：${address.replace(/\/$/, '')}/workspace/\n`);
      io.stdout.write(
        `数据库：${ctx.store.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${ctx.store.location}\n`,
      );
      // The algorithm and the key's fingerprint only: a key is never printed or logged.
      const box = secretBoxOf(ctx);
      io.stdout.write(
        `个人信息加密：${box.algorithm === 'sm4' ? 'SM4-CTR + HMAC-SM3（国密）' : 'AES-256-GCM'}，密钥 ${box.keyId}\n`,
      );
      if (seeded.demoSeeded)
        io.stdout.write(
          '已生成演示数据：示范市（示范市科学技术局、示范市教育局、示范市人民政府）。\n',
        );
      io.stdout.write('按 Ctrl+C 停止。\n\n');

      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          app.log.info({ signal }, 'shutting down');
          void (scheduler ? scheduler.stop() : Promise.resolve())
            .then(() => shutDown(app, runtime.close))
            .then(resolve, (error: unknown) => {
              app.log.error({ err: error }, 'shutdown failed');
              resolve();
            });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
};
