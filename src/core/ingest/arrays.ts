/**
 * `xs.map(f)` as an array without holes whatever tier runs it (optimised code's inlined `map`
 * makes a holey array, the builtin a packed one: two kinds of array for every reader of it, and
 * a reader optimised on one kind deoptimises — "wrong map" — at the first of the other).
 */
export function packedMap<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i]!, i));
  return out;
}
