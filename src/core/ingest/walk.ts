/**
 * Grouping a token stream into the rows of a table: a label starts a row, the values that
 * follow are its figures. A label cut over several cells or lines (a narrow PDF column, a cell
 * per line) is read whole: text that names nothing continues the label before it.
 */
import type { TextToken, Token, ValueToken } from './tokens.js';

export type Classification = { kind: 'row'; key: string } | { kind: 'label'; tag: string } | null;

export interface WalkState {
  /** Whether a row of figures has been met (before it, the tokens are the table header). */
  seenRow: boolean;
  /**
   * Whether the last label was a header's (tag "header" or "column:…"): a table header repeated
   * on a new page, where 其他 and 总计 are columns again, not rows.
   */
  inHeader: boolean;
}

export interface RowContext {
  kind: 'row' | 'label' | 'unknown';
  /** Row key for a row, tag for a label. */
  key: string | null;
  /** The label as printed (fragments joined). */
  text: string;
  norm: string;
  /** The label's fragments (cells, lines) as met. */
  fragments: string[];
  /** Line of the label's first fragment (or of the first value, when there is no label). */
  line: number;
  values: ValueToken[];
  lines: number[];
  /** Whether the context came before any row (the header of the table). */
  header: boolean;
  /** For figures without a label that redistribute gave to a row: that row. */
  takenBy?: RowContext;
}

/** Contexts looked back over for the numbered beginning of a label another label cut off. */
const FRAGMENT_REACH = 3;

/**
 * @param classify what a label (normalised, and as printed) names, given whether a row has been
 *   met
 */
export function walkRows(
  tokens: readonly Token[],
  classify: (norm: string, state: WalkState, text: string) => Classification,
): RowContext[] {
  const contexts: RowContext[] = [];
  const state: WalkState = { seenRow: false, inHeader: true };
  let current: RowContext | null = null;
  let pendingRow: RowContext | null = null;

  for (const token of tokens) {
    if (token.kind === 'text') {
      const c = classify(token.norm, state, token.text);
      if (c?.kind === 'row') state.inHeader = false;
      else if (c?.kind === 'label' && (c.tag === 'header' || c.tag.startsWith('column:'))) {
        state.inHeader = true;
      }
      const cur = current as RowContext | null;
      if (c?.kind === 'row' && cur?.kind === 'unknown' && cur.text !== '' && !token.numbered) {
        // "2.其他法律行" … "政法规禁止公开": the second fragment names the row the first began.
        const joined = classify(cur.norm + token.norm, state, cur.text + token.text);
        if (joined?.kind === 'row' && joined.key === c.key) {
          cur.kind = 'row';
          cur.key = c.key;
          cur.text += token.text;
          cur.fragments.push(token.text);
          cur.norm += token.norm;
          cur.header = false;
          if (cur.lines[cur.lines.length - 1] !== token.line) cur.lines.push(token.line);
          state.seenRow = true;
          continue;
        }
      }
      if (c?.kind === 'row') {
        // The rest of a wrapped label ("3.补正后申请" … "内容仍不明确") names the same row.
        if (
          cur &&
          cur.kind === 'row' &&
          cur.key === c.key &&
          (cur.values.length === 0 || !token.numbered)
        ) {
          cur.text += token.text;
          cur.fragments.push(token.text);
          cur.norm += token.norm;
          cur.lines.push(token.line);
          continue;
        }
        state.seenRow = true;
        pendingRow = current = open(contexts, state, 'row', c.key, token);
      } else if (c?.kind === 'label') {
        current = open(contexts, state, 'label', c.tag, token);
      } else if (token.numbered || !cur) {
        pendingRow = current = open(contexts, state, 'unknown', null, token);
      } else {
        if (cur.kind !== 'unknown') {
          // "四、结转下" … "（七）总计" … "年度继续办": a label centred in its tall cell cuts the
          // one beside it in two; the rest belongs to the numbered beginning, not to the row
          // between.
          const start = unfinishedLabel(contexts, cur);
          const joined = start
            ? classify(start.norm + token.norm, state, start.text + token.text)
            : null;
          if (start && joined?.kind === 'row') {
            start.kind = 'row';
            start.key = joined.key;
            start.header = false;
            start.text += token.text;
            start.fragments.push(token.text);
            start.norm += token.norm;
            if (start.lines[start.lines.length - 1] !== token.line) start.lines.push(token.line);
            state.seenRow = true;
            current = start;
            pendingRow = start;
            continue;
          }
        }
        cur.text += token.text;
        cur.fragments.push(token.text);
        cur.norm += token.norm;
        if (cur.lines[cur.lines.length - 1] !== token.line) cur.lines.push(token.line);
        if (cur.kind === 'unknown') {
          const again = classify(cur.norm, state, cur.text);
          if (again?.kind === 'row') {
            cur.kind = 'row';
            cur.key = again.key;
            cur.header = false;
            state.seenRow = true;
          } else if (again?.kind === 'label') {
            cur.kind = 'label';
            cur.key = again.tag;
          }
        }
      }
      continue;
    }
    const cur = current as RowContext | null;
    let target: RowContext | null = cur;
    if (!cur || cur.kind === 'label') {
      // A group label (e.g. （三）不予公开, centred over its rows in a PDF) may sit between a row's
      // label and its figures: they belong to the row.
      const pending = pendingRow as RowContext | null;
      if (pending && pending.values.length === 0) {
        target = pending;
        current = pending;
      }
    }
    if (!target) {
      target = {
        kind: 'unknown',
        key: null,
        text: '',
        norm: '',
        fragments: [],
        line: token.line,
        values: [],
        lines: [],
        header: !state.seenRow,
      };
      contexts.push(target);
      current = target;
    }
    target.values.push(token);
    if (target.lines[target.lines.length - 1] !== token.line) target.lines.push(token.line);
  }
  return contexts;
}

/**
 * A new context opened by a label, made the current one by the caller. (A function of the module
 * rather than a closure in walkRows: tsx names every closure when it is made, on every call.)
 */
function open(
  contexts: RowContext[],
  state: WalkState,
  kind: RowContext['kind'],
  key: string | null,
  token: TextToken,
): RowContext {
  const context: RowContext = {
    kind,
    key,
    text: token.text,
    norm: token.norm,
    fragments: [token.text],
    line: token.line,
    values: [],
    lines: [token.line],
    header: !state.seenRow && kind !== 'row',
  };
  contexts.push(context);
  return context;
}

/**
 * The numbered beginning of a label ("四、结转下") that names nothing yet, has no figures and was
 * met just before `current`; null when there is none.
 */
function unfinishedLabel(contexts: readonly RowContext[], current: RowContext): RowContext | null {
  for (let i = contexts.length - 1; i >= Math.max(0, contexts.length - FRAGMENT_REACH); i--) {
    const c = contexts[i]!;
    if (c === current) continue;
    if (c.values.length > 0) return null;
    if (c.kind === 'unknown' && c.text !== '') return c;
  }
  return null;
}

/**
 * Puts figures that a page layout moved away from their label back with it: a label centred
 * lower in a tall cell than its figures comes after them. A row that took more figures than it
 * has columns, the extra ones starting on a later line, gives the extra away; a row with no
 * figures takes figures that no row took, if they are just before it.
 */
export function redistribute(
  contexts: RowContext[],
  widthOf: (context: RowContext) => number,
): RowContext[] {
  const out: RowContext[] = [];
  for (const c of contexts) {
    out.push(c);
    if (c.kind !== 'row') continue;
    const width = widthOf(c);
    if (c.values.length <= width) continue;
    // The extra figures start at a line: the last line break within the row's width (a row
    // whose digits ran together has fewer values than columns on its own line).
    let cut = width;
    while (cut > 0 && c.values[cut]!.line === c.values[cut - 1]!.line) cut--;
    if (cut === 0) continue;
    const moved = c.values.splice(cut);
    out.push({
      kind: 'unknown',
      key: null,
      text: '',
      norm: '',
      fragments: [],
      line: moved[0]!.line,
      values: moved,
      lines: [...new Set(moved.map((v) => v.line))],
      header: false,
    });
  }
  for (let i = 0; i < out.length; i++) {
    const c = out[i]!;
    if (c.kind !== 'row' || c.values.length > 0) continue;
    for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
      const orphan = out[j]!;
      if (orphan.kind !== 'unknown' || orphan.text !== '' || orphan.values.length !== widthOf(c))
        continue;
      c.values = orphan.values;
      orphan.values = [];
      orphan.takenBy = c;
      for (const l of orphan.lines) if (!c.lines.includes(l)) c.lines.push(l);
      break;
    }
  }
  return out;
}
