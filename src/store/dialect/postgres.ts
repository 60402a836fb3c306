import pg from 'pg';
import { PostgresDialect, sql, type Kysely, type Transaction } from 'kysely';

export function createPostgresDialect(
  connectionString: string,
  poolSize = 10,
  onIdleError: (error: Error) => void = () => {},
): PostgresDialect {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection can die (server restart, failover, admin termination); the pool
  // replaces it on next use. Without this listener the process would crash.
  pool.on('error', onIdleError);
  return new PostgresDialect({ pool });
}

/**
 * Serialises writers of one kind across all app nodes for the rest of the transaction
 * (PostgreSQL advisory lock; released at commit). SQLite needs nothing: it has one writer.
 */
export async function lockForTransaction<DB>(
  trx: Transaction<DB> | Kysely<DB>,
  key: string,
): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}
