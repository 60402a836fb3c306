import pg from 'pg';

/** The PostgreSQL server of this machine (127.0.0.1:5432, user postgres, trust auth) unless overridden. */
export const TEST_POSTGRES_URL =
  process.env.GONGKAI_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** null when PostgreSQL answers, else the reason it does not. */
export async function postgresUnavailableReason(): Promise<string | null> {
  try {
    await withAdminClient((c) => c.query('SELECT 1'));
    return null;
  } catch (error) {
    return `无法连接 PostgreSQL（${TEST_POSTGRES_URL}）：${error instanceof Error ? error.message : String(error)}`;
  }
}
