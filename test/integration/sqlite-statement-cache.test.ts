/**
 * The SQLite dialect keeps prepared statements per SQL text: a repeated query reuses its
 * statement, a statement still being iterated is not handed out again, and the cache is bounded.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/store/dialect/sqlite.js';

function database() {
  const db = new BetterSqlite3(':memory:');
  db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);');
  return db;
}

describe('SQLite statement cache', () => {
  it('reuses the statement of a repeated query, and its results follow the data', () => {
    const db = database();
    const cached = withStatementCache(db);
    const first = cached.prepare('SELECT count(*) AS n FROM t');
    expect(cached.prepare('SELECT count(*) AS n FROM t')).toBe(first);
    expect(first.all([])).toEqual([{ n: 3 }]);
    db.exec('INSERT INTO t VALUES (4)');
    expect(cached.prepare('SELECT count(*) AS n FROM t').all([])).toEqual([{ n: 4 }]);
    cached.close();
    expect(db.open).toBe(false);
  });

  it('gives a fresh statement while the kept one is being iterated', () => {
    const cached = withStatementCache(database());
    const kept = cached.prepare('SELECT x FROM t ORDER BY x') as BetterSqlite3.Statement;
    const rows = kept.iterate();
    rows.next();
    const other = cached.prepare('SELECT x FROM t ORDER BY x');
    expect(other).not.toBe(kept);
    expect(other.all([])).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    rows.return?.();
    expect(cached.prepare('SELECT x FROM t ORDER BY x')).toBe(kept);
  });

  it('keeps at most the given number of statements, dropping the least recently used', () => {
    const cached = withStatementCache(database(), 2);
    const a = cached.prepare('SELECT 1');
    const b = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(a); // now the most recently used
    cached.prepare('SELECT 3'); // drops SELECT 2
    expect(cached.prepare('SELECT 1')).toBe(a);
    expect(cached.prepare('SELECT 2')).not.toBe(b);
  });

  it('re-prepares by itself after the schema changed', () => {
    const cached = withStatementCache(database());
    expect(cached.prepare('SELECT * FROM t LIMIT 1').all([])).toEqual([{ x: 1 }]);
    cached.prepare('ALTER TABLE t ADD COLUMN y TEXT').run([]);
    expect(cached.prepare('SELECT * FROM t LIMIT 1').all([])).toEqual([{ x: 1, y: null }]);
  });
});
