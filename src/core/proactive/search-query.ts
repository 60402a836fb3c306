/**
 * The search box: a query of any length or content is answered. The core normalises it (trims,
 * folds white space, caps the length) and cuts it into terms; the store matches each term as a
 * substring (trigram indexes), so no word segmentation is needed and `%`, `_`, `*`, `"` are
 * plain characters.
 */

export const MAX_QUERY_CHARS = 100;
export const MAX_TERMS = 5;
/** The longest query read at all: the search box's maxlength, and what its pager links carry. */
export const MAX_QUERY_INPUT = 200;

/** `text` with every control character replaced by `by`. */
export function withoutControls(text: string, by: string): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? by : c;
  }
  return out;
}

/**
 * Terms of a query: white-space separated, each at most MAX_QUERY_CHARS, at most MAX_TERMS, from
 * the first MAX_QUERY_INPUT characters. No Unicode normalisation: the indexed texts are stored as
 * published, so folding （试行） to (试行) or ２０２３ to 2023 would make a pasted title miss itself.
 */
export function queryTerms(query: string): string[] {
  const cleaned = [...withoutControls(query, ' ')].slice(0, MAX_QUERY_INPUT).join('');
  const terms = cleaned
    .split(/\s+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => [...t].slice(0, MAX_QUERY_CHARS).join(''));
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/**
 * Whether `term` has no letter with a case (Chinese, digits, punctuation): matching it with or
 * without case folding gives the same rows, so the store can compare without folding (PostgreSQL
 * LIKE instead of ILIKE, which lower-cases every text it reads).
 */
export const caseless = (term: string): boolean => term.toLowerCase() === term.toUpperCase();

/** A LIKE pattern matching `term` as a substring, with `!` as the escape character. */
export function likeContains(term: string): string {
  return `%${term.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** A string for an FTS5 MATCH of `term` as a phrase (double quotes doubled). */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * A snippet of `text` around the first hit of any term, split into plain and matched parts
 * (the page escapes each part and wraps the matches in <mark>).
 */
export function highlight(
  text: string,
  terms: readonly string[],
  width = 80,
): { text: string; hit: boolean }[] {
  const lower = text.toLowerCase();
  let first = -1;
  for (const t of terms) {
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const snippet =
    (start > 0 ? '…' : '') +
    text.slice(start, start + width) +
    (start + width < text.length ? '…' : '');
  if (terms.length === 0) return [{ text: snippet, hit: false }];
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts: { text: string; hit: boolean }[] = [];
  const re = new RegExp(`(${escaped.join('|')})`, 'gi');
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index! > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    last = m.index! + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}

/** The three-character windows of `term` (by code point), in order. */
export function trigramWindows(term: string): string[] {
  const chars = [...term];
  return chars
    .slice(0, Math.max(0, chars.length - 2))
    .map((_, i) => chars.slice(i, i + 3).join(''));
}

/**
 * The part of a rare `term` worth looking up in a trigram index, given how many of `rows` sampled
 * rows hold each of its windows (`trigramWindows`): windows at either end found in at least
 * `common` of the rows (示规〔 and 〔20 of every 文号) are cut off. A trigram in nearly every row
 * narrows the rows found by little, while its posting list costs the index scan most of its time;
 * the whole term is still tested on each row found. The term itself when nothing is cut, or when
 * every window is that common.
 */
export function indexedPart(
  term: string,
  found: readonly number[],
  rows: number,
  common = 0.9,
): string {
  const isCommon = (n: number) => rows > 0 && n >= common * rows;
  let a = 0;
  while (a < found.length && isCommon(found[a]!)) a++;
  let b = found.length - 1;
  while (b >= a && isCommon(found[b]!)) b--;
  if (b < a) return term;
  return [...term].slice(a, b + 3).join('');
}
