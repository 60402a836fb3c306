import { sql } from 'kysely';
import type { Database } from '../store/schema.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';
import { secretBoxOf } from './secrets.js';

/**
 * Every sealed column: the table, its key column and the columns holding sealed values. A new
 * sealed column is added here, so that rotation and `secrets status` see it.
 */
export const SEALED_COLUMNS = [
  {
    table: 'application',
    key: 'id',
    columns: ['id_number_sealed', 'phone_sealed', 'address_sealed', 'email_sealed'],
  },
  { table: 'second_factor', key: 'user_id', columns: ['secret_sealed'] },
] as const satisfies readonly { table: keyof Database; key: string; columns: readonly string[] }[];

export interface SealedCount {
  table: string;
  column: string;
  algorithm: string;
  keyId: string | null;
  current: boolean;
  count: number;
}

type Row = Record<string, string | null>;

/** How many sealed values each (column, algorithm, key) holds: what rotation has left to do. */
export async function sealedInventory(
  ctx: Pick<ServiceContext, 'store' | 'secretKey' | 'crypto'>,
  batchSize = 2000,
): Promise<SealedCount[]> {
  const box = secretBoxOf(ctx);
  const counts = new Map<string, SealedCount>();
  for (const spec of SEALED_COLUMNS) {
    for await (const rows of pages(ctx, spec, batchSize)) {
      for (const row of rows) {
        for (const column of spec.columns) {
          const value = row[column];
          if (!value) continue;
          const { algorithm, keyId } = box.describe(value);
          const id = `${spec.table}.${column}|${algorithm}|${keyId}`;
          const entry = counts.get(id) ?? {
            table: spec.table,
            column,
            algorithm,
            keyId,
            current: box.isCurrent(value),
            count: 0,
          };
          entry.count += 1;
          counts.set(id, entry);
        }
      }
    }
  }
  return [...counts.values()];
}

async function* pages(
  ctx: Pick<ServiceContext, 'store'>,
  spec: (typeof SEALED_COLUMNS)[number],
  batchSize: number,
): AsyncGenerator<Row[]> {
  let after: string | null = null;
  for (;;) {
    // The tables are named by the list above, never by input.
    let query = ctx.store.db
      .selectFrom(spec.table as 'application')
      .select([sql.ref<string>(spec.key).as('__key'), ...spec.columns.map((c) => sql.ref(c).as(c))])
      .orderBy(sql.ref(spec.key))
      .limit(batchSize);
    if (after !== null) query = query.where(sql.ref(spec.key), '>', after);
    const rows = (await query.execute()) as unknown as Row[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.__key!;
  }
}

export interface RotationProgress {
  table: string;
  resealed: number;
  skipped: number;
}

export interface RotationResult {
  resealed: number;
  /** Values changed by someone else between reading and re-sealing (re-read next run). */
  raced: number;
  keyId: string;
  algorithm: string;
}

/**
 * Re-seals every sealed value that is not yet under the current algorithm and key, in batches,
 * while the server runs:
 *
 * - each batch is one transaction (its values and its audit record commit together, or not at
 *   all), so a run killed at any point loses no value: what committed is under the new key,
 *   what did not is still under the old one, and both read;
 * - a value is written only if it is still the one read (compare and set), so a change the
 *   server makes meanwhile is never overwritten with older data;
 * - a run started again skips what is already current: it resumes where the last one stopped.
 */
export async function rotateSealedValues(
  ctx: Pick<ServiceContext, 'store' | 'secretKey' | 'crypto' | 'clock'>,
  actor: Actor,
  options: { batchSize?: number; onBatch?: (progress: RotationProgress) => void } = {},
): Promise<RotationResult> {
  const box = secretBoxOf(ctx);
  const batchSize = options.batchSize ?? 500;
  let resealed = 0;
  let raced = 0;
  for (const spec of SEALED_COLUMNS) {
    for await (const rows of pages(ctx, spec, batchSize)) {
      const changes: { key: string; column: string; from: string; to: string }[] = [];
      let skipped = 0;
      for (const row of rows) {
        for (const column of spec.columns) {
          const value = row[column];
          if (!value) continue;
          if (box.isCurrent(value)) {
            skipped += 1;
            continue;
          }
          changes.push({
            key: row.__key!,
            column,
            from: value,
            to: box.encrypt(box.decrypt(value)),
          });
        }
      }
      if (changes.length === 0) {
        options.onBatch?.({ table: spec.table, resealed: 0, skipped });
        continue;
      }
      const done = await ctx.store.db.transaction().execute(async (trx) => {
        let written = 0;
        for (const change of changes) {
          const result = await trx
            .updateTable(spec.table as 'application')
            .set({ [change.column]: change.to } as never)
            .where(sql.ref(spec.key), '=', change.key)
            .where(sql.ref(change.column), '=', change.from)
            .executeTakeFirst();
          written += Number(result.numUpdatedRows);
        }
        await recordChange(ctx, trx, actor, ctx.clock.now(), {
          action: 'secrets.rotate',
          entityType: spec.table,
          entityId: `${changes[0]!.key}…${changes[changes.length - 1]!.key}`,
          after: { resealed: written, algorithm: box.algorithm, keyId: box.keyId },
        });
        return written;
      });
      resealed += done;
      raced += changes.length - done;
      options.onBatch?.({ table: spec.table, resealed: done, skipped });
    }
  }
  return { resealed, raced, keyId: box.keyId, algorithm: box.algorithm };
}
