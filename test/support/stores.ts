import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import {
  migrateToLatest,
  openStore,
  type Store,
  type StoreDialect,
} from '../../src/store/database.js';
import { databaseUrl, withAdminClient } from './postgres.js';

export const STORE_DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

export interface TestStore {
  store: Store;
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated, empty store of the given kind, owned by the caller. */
export async function createTestStore(dialect: StoreDialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
    const url = `sqlite:${join(dir, 'gongkai.db')}`;
    const store = await openStore(url);
    await migrateToLatest(store);
    return {
      store,
      url,
      drop: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `${inject('postgresPrefix')}_${process.pid}_${counter++}_${randomBytes(3).toString('hex')}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name);
  const store = await openStore(url, { poolSize: 4 });
  await migrateToLatest(store);
  return {
    store,
    url,
    drop: async () => {
      await store.close();
      await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * Declares the same tests for SQLite and for PostgreSQL. The PostgreSQL half is skipped, with
 * the reason in its title, when the server cannot be reached (global set-up fails the run
 * instead under CI=true).
 */
export function describeEachStore(
  title: string,
  body: (get: () => TestStore, dialect: StoreDialect) => void,
): void {
  for (const dialect of STORE_DIALECTS) {
    const unavailable = dialect === 'postgres' ? inject('postgresUnavailable') : null;
    const suite = unavailable ? describe.skip : describe;
    suite(`${title} [${dialect}]${unavailable ? ` — 跳过：${unavailable}` : ''}`, () => {
      let current: TestStore | undefined;
      beforeAll(async () => {
        current = await createTestStore(dialect);
      });
      afterAll(async () => {
        await current?.drop();
      });
      body(() => {
        if (!current) throw new Error('test store not ready');
        return current;
      }, dialect);
    });
  }
}
