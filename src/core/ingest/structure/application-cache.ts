/**
 * Table 三's rows' readings kept by the places of their tokens, for the variants of one table
 * (applications.ts): a row given the same tokens in several variants is read once.
 */
import type { Reading, RowTokens } from './readings.js';

/**
 * Rows' readings by the places of their tokens: tokens at the same places (line, cell, column,
 * in order) are the same figures and have the same readings, made once (a row's readings take
 * steps from the budget only the first time). Hashed by the places, compared in full.
 */
export type ReadingsCache = Map<number, { tokens: RowTokens; found: Reading[] | null }[]>;

export function cachedReadings(
  cache: ReadingsCache,
  tokens: RowTokens,
  /** The row's readings made from its tokens (when not made before). */
  read: (tokens: RowTokens) => Reading[] | null,
): Reading[] | null {
  let hash = tokens.length;
  for (const t of tokens) {
    hash = (Math.imul(hash, 31) + t.line) | 0;
    hash = (Math.imul(hash, 31) + t.cell) | 0;
    hash = (Math.imul(hash, 31) + t.column) | 0;
  }
  let bucket = cache.get(hash);
  if (bucket === undefined) cache.set(hash, (bucket = []));
  for (const e of bucket) if (samePlaces(e.tokens, tokens)) return e.found;
  const found = read(tokens);
  bucket.push({ tokens, found });
  return found;
}

const samePlaces = (a: RowTokens, b: RowTokens): boolean =>
  a.length === b.length &&
  a.every((t, i) => t.line === b[i]!.line && t.cell === b[i]!.cell && t.column === b[i]!.column);
