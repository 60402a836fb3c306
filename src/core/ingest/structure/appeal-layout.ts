/**
 * Table 四's anchors in the token stream, and the layout they give it. The template is known:
 * three groups (行政复议; 行政诉讼 in two, 未经复议直接起诉 and 复议后起诉), five results each
 * (结果维持, 结果纠正, 其他结果, 尚未审结, 总计). The region's figures come in runs between
 * anchors; how the runs stand to the anchors tells the table's orientation:
 * - each run on the line of a group's label: the groups as rows, the results as columns;
 * - each run on the line of a result's label: the results as rows, the groups as columns in the
 *   order the header names them;
 * - otherwise the figures are the template's fifteen cells (the official layout: the header,
 *   then one row), or each group's five after its label (a table per group).
 */
import type { AppealColumnKey, AppealGroupKey } from '../../report/format.js';
import { detach } from '../labels.js';
import type { RowTokens } from './readings.js';
import type { StreamToken } from './stream.js';

export type AppealAnchor = { line: number; seq: number } & (
  | { kind: 'group'; key: AppealGroupKey }
  | { kind: 'litigation' }
  | { kind: 'result'; key: AppealColumnKey }
);

/** Figures (and empty cells) with the anchors met since the previous run. */
export interface AppealRun {
  gap: AppealAnchor[];
  tokens: RowTokens[number][];
}

/**
 * The template's labels as they stand in a text: a group's words (one character or two of
 * 未经复议直接起诉 may be missing), 行政诉讼 alone (the heading's 行政复议、行政诉讼情况 aside),
 * a result's words.
 */
const ANCHOR =
  /(未经复议(?:直接)?(?:起诉)?|直接起诉)|((?:经)?复议后(?:起诉)?)|(行政复议)(?![、，,和及与]?行政诉讼情况)|(行政诉讼)(?!情况)|(结果维持)|(结果纠正)|(其他结果)|(尚未审结)|(总计|合计)/g;

/** A character every match of ANCHOR has: 复议, 起诉 or 诉讼, 结果, 审结, 总计 or 合计. */
const ANCHOR_CHARACTER = /[议诉果结计]/;

const RESULT_KEYS: readonly AppealColumnKey[] = [
  'upheld',
  'corrected',
  'other',
  'pending',
  'total',
];

/** An anchor as a text names it, before it is given its line and place in the region. */
type Named =
  | { kind: 'group'; key: AppealGroupKey }
  | { kind: 'litigation' }
  | { kind: 'result'; key: AppealColumnKey };

/** The anchors a text names, in order (none: the one empty list, shared). */
function namedIn(text: string): readonly Named[] {
  // 维持, 纠正 alone name a result only as a cell of their own (in a sentence they are words).
  const bare = ['维持', '纠正'].indexOf(text.trim());
  if (bare >= 0) return [{ kind: 'result', key: RESULT_KEYS[bare]! }];
  // Most texts hold none of the characters every match of ANCHOR has (tested first).
  if (!ANCHOR_CHARACTER.test(text)) return NONE;
  const out: Named[] = [];
  for (const m of text.matchAll(ANCHOR)) {
    if (m[1]) out.push({ kind: 'group', key: 'litigation_direct' });
    else if (m[2]) out.push({ kind: 'group', key: 'litigation_after_review' });
    else if (m[3]) out.push({ kind: 'group', key: 'review' });
    else if (m[4]) out.push({ kind: 'litigation' });
    else {
      const k = m.slice(5).findIndex((g) => g !== undefined);
      out.push({ kind: 'result', key: RESULT_KEYS[k]! });
    }
  }
  return out.length > 0 ? out : NONE;
}

const NONE: readonly Named[] = [];

/** An anchor a text names, at its line and place (built field by field: no object spread). */
function placed(a: Named, line: number, seq: number): AppealAnchor {
  if (a.kind === 'litigation') return { kind: 'litigation', line, seq };
  if (a.kind === 'group') return { kind: 'group', key: a.key, line, seq };
  return { kind: 'result', key: a.key, line, seq };
}

/**
 * The anchors texts name, remembered: the template's labels come back in every report. Bounded;
 * a text longer than a header line of the table (45 characters with its five results twice) is
 * a sentence, seen once, and is not kept; a key is a copy (a token's text may be a view into its
 * whole line).
 */
const NAMED = new Map<string, readonly Named[]>();
const MAX_NAMED = 20_000;
const MAX_NAMED_LENGTH = 80;

function anchorsNamed(text: string): readonly Named[] {
  const cached = NAMED.get(text);
  if (cached !== undefined) return cached;
  const named = namedIn(text);
  if (text.length <= MAX_NAMED_LENGTH) {
    if (NAMED.size >= MAX_NAMED) NAMED.clear();
    NAMED.set(detach(text), named);
  }
  return named;
}

export interface AppealLayout {
  runs: AppealRun[];
  /** Whether any of the table's labels was found. */
  anchored: boolean;
  /** Whether a group's label was found. */
  groups: boolean;
}

/**
 * The runs of figures of table 四's region. Empty cells before the first figure are the header's
 * (under its merged cells) when a label still follows; after it, they are cells not filled in.
 */
export function appealRuns(tokens: readonly StreamToken[]): AppealLayout {
  // The text tokens' anchors, numbered in order (`seq`), and the last token that has any.
  const named: (readonly Named[] | undefined)[] = new Array(tokens.length);
  let lastLabel = -1;
  let count = 0;
  let groups = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'text') continue;
    const found = anchorsNamed(t.text);
    if (found.length === 0) continue;
    named[i] = found;
    lastLabel = i;
    count += found.length;
    for (const a of found) if (a.kind !== 'result') groups = true;
  }
  const runs: AppealRun[] = [];
  let gap: AppealAnchor[] = [];
  let figures = false;
  let seq = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') {
      const found = named[i];
      if (found !== undefined) for (const a of found) gap.push(placed(a, t.line, seq++));
      continue;
    }
    if (t.kind === 'empty' && !figures && i < lastLabel) continue;
    figures ||= t.kind === 'figure';
    if (gap.length > 0 || runs.length === 0) {
      runs.push({ gap, tokens: [] });
      gap = [];
    }
    runs[runs.length - 1]!.tokens.push(t);
  }
  return {
    runs: withoutProse(runs),
    anchored: count > 0 || runs.length > 0,
    groups,
  };
}

/**
 * The runs from the first after a result's label: every layout names the results (its header,
 * or its rows' labels) before the table's first figure, so figures before any are a sentence's
 * ("行政复议4件、行政诉讼3件" above the table). Without a result's label all runs are kept.
 */
function withoutProse(runs: AppealRun[]): AppealRun[] {
  const first = runs.findIndex((r) => r.gap.some((a) => a.kind === 'result'));
  return first > 0 ? runs.slice(first) : runs;
}

const lastOf = (run: AppealRun) => run.gap[run.gap.length - 1];
/** The run begins on the line of the label just before it: that label is its row's. */
const onLabelLine = (run: AppealRun) => lastOf(run)?.line === run.tokens[0]!.line;

/** The groups as rows: every run on the line of a group's label (or of 行政诉讼 alone). */
export function groupRows(runs: readonly AppealRun[]): boolean {
  return (
    runs.length >= 2 &&
    runs.every(
      (r) => onLabelLine(r) && (lastOf(r)!.kind === 'group' || lastOf(r)!.kind === 'litigation'),
    )
  );
}

/** The results as rows: every run on the line of a result's label, no group's label between. */
export function resultRows(runs: readonly AppealRun[]): boolean {
  return (
    runs.length >= 2 &&
    runs.every(
      (r, i) =>
        onLabelLine(r) &&
        lastOf(r)!.kind === 'result' &&
        (i === 0 || r.gap.every((a) => a.kind === 'result')),
    )
  );
}

/** The group a run's label names (null: 行政诉讼 alone, or a result). */
export const rowGroup = (run: AppealRun): AppealGroupKey | null => {
  const a = lastOf(run);
  return a?.kind === 'group' ? a.key : null;
};

/** The result a run's label names. */
export const rowResult = (run: AppealRun): AppealColumnKey | null => {
  const a = lastOf(run);
  return a?.kind === 'result' ? a.key : null;
};

/**
 * Each group's figures after its label (a table per group; a cell per line): the last group
 * label before each run names it. Null unless the three groups each have one run.
 */
export function groupSegments(runs: readonly AppealRun[]): Map<AppealGroupKey, AppealRun> | null {
  if (runs.length !== 3) return null;
  const out = new Map<AppealGroupKey, AppealRun>();
  for (const run of runs) {
    const owner = [...run.gap].reverse().find((a) => a.kind !== 'result');
    if (owner?.kind !== 'group' || out.has(owner.key)) return null;
    out.set(owner.key, run);
  }
  return out;
}

/**
 * The order of the groups as columns, from the header's labels (the anchors before the first
 * figure, the first row's label aside): on one line, as they stand; over two levels (行政复议 and
 * 行政诉讼, then 未经复议直接起诉 and 复议后起诉 under 行政诉讼), the upper order with 行政诉讼
 * opened into the lower. Null when the labels do not tell (cell positions do not: a merged
 * cell's continuation may be missing from a row).
 */
export function headerGroupOrder(header: readonly AppealAnchor[]): AppealGroupKey[] | null {
  const first = new Map<string, AppealAnchor>();
  for (const a of header) {
    const key = a.kind === 'group' ? a.key : a.kind;
    if (!first.has(key)) first.set(key, a);
  }
  const own = [...first.values()].filter(
    (a): a is AppealAnchor & { kind: 'group' } => a.kind === 'group',
  );
  if (own.length !== 3) return null;
  const review = own.find((a) => a.key === 'review')!;
  const subs = own.filter((a) => a.key !== 'review');
  const litigation = first.get('litigation');
  const under = (upper: AppealAnchor) => subs.every((s) => s.seq > upper.seq);
  if (litigation && under(review) && under(litigation)) {
    const lower = subs.map((s) => s.key);
    return review.seq < litigation.seq ? ['review', ...lower] : [...lower, 'review'];
  }
  if (own.every((a) => a.line === own[0]!.line)) return own.map((a) => a.key);
  return null;
}
