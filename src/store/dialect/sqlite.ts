import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

/**
 * The embedded store: one file, WAL for concurrent readers, foreign keys enforced, a busy
 * timeout so a second process (the CLI beside a running server) waits instead of failing.
 */
export function createSqliteDialect(path: string): { dialect: SqliteDialect; close: () => void } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
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
