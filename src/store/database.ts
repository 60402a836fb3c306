import { Kysely, Migrator, type Transaction } from 'kysely';
import { createPostgresDialect, lockForTransaction } from './dialect/postgres.js';
import { createSqliteDialect } from './dialect/sqlite.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface Store {
  readonly db: Db;
  readonly dialect: StoreDialect;
  /** Where the data lives, for messages: the SQLite file, or the PostgreSQL URL without password. */
  readonly location: string;
  /** Runs `fn` in one transaction: all of it commits, or none. */
  transaction<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  /** Serialises writers of one kind (e.g. the audit chain) until the transaction ends. */
  lock(trx: Trx, key: string): Promise<void>;
  /**
   * Runs `fn` once the transaction `trx` has committed (never if it rolls back); outside
   * `transaction` (a bare Kysely transaction) it runs at once.
   */
  afterCommit(trx: Trx, fn: () => void): void;
  close(): Promise<void>;
}

/** `postgres://…` / `postgresql://…` → PostgreSQL; `sqlite:PATH`, a bare path or `:memory:` → SQLite. */
export function parseDatabaseUrl(url: string): { dialect: StoreDialect; target: string } {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', target: url };
  const path = url.replace(/^sqlite:(\/\/)?/i, '');
  if (!path)
    throw new Error('数据库地址为空：请设置 GONGKAI_DATABASE_URL（sqlite:路径 或 postgres://…）。');
  return { dialect: 'sqlite', target: path };
}

export function redactDatabaseUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]*)@/, '//$1:***@');
}

/** `transaction` and `afterCommit` over one Kysely instance: callbacks wait for the commit. */
function committing(db: Db): Pick<Store, 'transaction' | 'afterCommit'> {
  const pending = new WeakMap<Trx, (() => void)[]>();
  return {
    transaction: async (fn) => {
      const callbacks: (() => void)[] = [];
      const result = await db.transaction().execute((trx) => {
        pending.set(trx, callbacks);
        return fn(trx);
      });
      for (const callback of callbacks) callback();
      return result;
    },
    afterCommit: (trx, fn) => {
      const callbacks = pending.get(trx);
      if (callbacks) callbacks.push(fn);
      else fn();
    },
  };
}

export async function openStore(url: string, options: { poolSize?: number } = {}): Promise<Store> {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === 'postgres') {
    const db = new Kysely<Database>({ dialect: createPostgresDialect(target, options.poolSize) });
    return {
      db,
      dialect,
      location: redactDatabaseUrl(target),
      ...committing(db),
      lock: (trx, key) => lockForTransaction(trx, key),
      close: () => db.destroy(),
    };
  }
  const sqlite = createSqliteDialect(target);
  const db = new Kysely<Database>({ dialect: sqlite.dialect });
  return {
    db,
    dialect,
    location: target,
    ...committing(db),
    // better-sqlite3 behind Kysely is one connection: transactions already run one at a time.
    lock: () => Promise.resolve(),
    close: async () => {
      await db.destroy();
      sqlite.close();
    },
  };
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider,
    // Each team works in its own range of numbers, so a range below an applied one can land later.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Checks the store answers (for /readyz). */
export async function pingStore(store: Store): Promise<void> {
  await store.db.selectFrom('region').select('code').limit(1).execute();
}
