import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

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
    dialect: new SqliteDialect({ database }),
    close: () => {
      if (database.open) database.close();
    },
  };
}
