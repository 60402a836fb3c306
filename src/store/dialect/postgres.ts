import pg from 'pg';
import { PostgresDialect, sql, type Kysely, type Transaction } from 'kysely';

export function createPostgresDialect(connectionString: string, poolSize = 10): PostgresDialect {
  return new PostgresDialect({
    pool: new pg.Pool({ connectionString, max: poolSize }),
  });
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
