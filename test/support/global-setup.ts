import type { TestProject } from 'vitest/node';
import { postgresUnavailableReason, withAdminClient } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** null when PostgreSQL is reachable; otherwise why not. */
    postgresUnavailable: string | null;
    /** A prefix shared by every database this run creates, so teardown can find leftovers. */
    postgresPrefix: string;
  }
}

/**
 * Runs once before the whole suite. Finds out whether PostgreSQL can be reached: where it
 * cannot, the PostgreSQL half of the store tests is skipped with the reason printed — except
 * under CI=true, where that is a failure.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reason = await postgresUnavailableReason();
  if (reason) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true 时 PostgreSQL 测试不可跳过：${reason}`);
    }
    console.warn(`\n[gongkai] 跳过 PostgreSQL 部分的测试：${reason}\n`);
  }
  const prefix = `gk_test_${process.pid}_${Date.now().toString(36)}`;
  project.provide('postgresUnavailable', reason);
  project.provide('postgresPrefix', prefix);

  return async () => {
    if (reason) return;
    await withAdminClient(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    });
  };
}
