import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../services/config.js';
import type { ServiceContext } from '../services/context.js';
import type { Store } from '../store/database.js';
import { CliExit, EXIT, type CliIo } from './io.js';

/** The folder holding gongkai's package.json, wherever the code runs from (src or dist). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'gongkai') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('找不到 gongkai 的安装目录。');
    dir = parent;
  }
}

export function configFrom(io: CliIo): Config {
  try {
    return loadConfig(io.env, io.cwd);
  } catch (error) {
    throw new CliExit(EXIT.usage, error instanceof Error ? error.message : String(error));
  }
}

export interface Runtime {
  config: Config;
  store: Store;
  ctx: ServiceContext;
  close(): Promise<void>;
}

/** Opens the configured store, applies pending migrations and loads the secret key. */
export async function openRuntime(
  io: CliIo,
  options: { migrate?: boolean; mustExist?: boolean } = {},
): Promise<Runtime> {
  const config = configFrom(io);
  // The store's modules (drivers, migrations) are loaded by the commands that open it only.
  const [
    { loadSecretKey, loadCryptoSettings },
    { countUsers },
    { systemClock },
    database,
    { createAuditAnchor },
    { findAuditHead },
  ] = await Promise.all([
    import('../services/bootstrap.js'),
    import('../store/repositories/accounts.js'),
    import('../services/context.js'),
    import('../store/database.js'),
    import('../services/audit-anchor.js'),
    import('../store/repositories/audit-log.js'),
  ]);
  const { migrateToLatest, openStore, parseDatabaseUrl } = database;
  const { dialect, target } = parseDatabaseUrl(config.databaseUrl);
  if (options.mustExist && dialect === 'sqlite' && target !== ':memory:' && !existsSync(target)) {
    throw new CliExit(
      EXIT.usage,
      `数据库文件不存在：${target}。请检查 GONGKAI_DATA_DIR 或 GONGKAI_DATABASE_URL 是否指向正确的数据。`,
    );
  }
  let store: Store;
  try {
    store = await openStore(config.databaseUrl);
  } catch (error) {
    throw new CliExit(
      EXIT.usage,
      `无法打开数据库 ${config.databaseUrl}：${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    if (options.migrate !== false) await migrateToLatest(store);
    const hasData = (await countUsers(store.db).catch(() => 0)) > 0;
    const secretKey = loadSecretKey(config, { allowCreate: !hasData });
    const crypto = loadCryptoSettings(config);
    const writes = options.migrate !== false;
    // Verification only reads the anchor; every other command writes the chain's new heads to it.
    const auditAnchor = writes
      ? createAuditAnchor({
          dir: config.auditAnchorDir,
          syslog: config.auditSyslog,
          stdout: config.auditStdout ? io.stdout : null,
          onError: (error) =>
            io.stderr.write(`留痕锚点写入失败（${config.auditAnchorDir}）：${error.message}\n`),
        })
      : undefined;
    if (auditAnchor) auditAnchor.seed(await findAuditHead(store.db), systemClock.now());
    return {
      config,
      store,
      ctx: {
        store,
        clock: systemClock,
        secretKey,
        crypto,
        ...(auditAnchor ? { auditAnchor } : {}),
      },
      close: async () => {
        await auditAnchor?.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw new CliExit(EXIT.usage, error instanceof Error ? error.message : String(error));
  }
}
