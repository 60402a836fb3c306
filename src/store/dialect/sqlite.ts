import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, type SqliteDatabase } from 'kysely';

/**
 * A new database file is created readable by its owner alone (0600) before SQLite opens it; the
 * WAL and shared-memory files SQLite adds take the database file's mode. An existing file keeps
 * the mode the operator gave it.
 */
function createPrivately(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Prepared statements kept per SQL text (least recently used dropped beyond this many). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * `database` as Kysely sees it, with its prepared statements kept and reused: preparing (parsing
 * and planning the SQL) cost as much as running a page's small queries, and the queries of the
 * application are a few hundred fixed texts. A statement still being iterated (a streamed query)
 * is busy: a query of the same text then gets a fresh one. SQLite re-prepares a kept statement
 * by itself when the schema changed.
 */
export function withStatementCache(
  database: BetterSqlite3.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql: string) => {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Most recently used last: Map keeps insertion order.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (!kept) {
        statements.set(sql, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}

/**
 * The embedded store: one file, WAL for concurrent readers, foreign keys enforced, a busy
 * timeout so a second process (the CLI beside a running server) waits instead of failing.
 */
export function createSqliteDialect(path: string): { dialect: SqliteDialect; close: () => void } {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    createPrivately(path);
  }
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return {
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
    close: () => {
      if (database.open) database.close();
    },
  };
}
