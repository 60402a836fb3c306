/**
 * Table 二 read structurally. The table is four small tables (第二十条第（一）（五）（六）（八）项),
 * each with known rows and columns; the figures of a small table go to its rows — after each
 * row's label when the labels are there, else in the template's order (figures printed before
 * their labels, as pdftotext's default mode does). Figures run together ("8855698") have no
 * total to settle their split; the report's own prose does when it states the figures
 * ("制发88件", "现行有效698件"): the one split that agrees with the most of them is taken.
 */
import { packedMap } from '../arrays.js';
import { PROACTIVE_GROUPS, type ProactiveRowKey } from '../../report/format.js';
import { proactiveCellName } from '../../report/labels.js';
import { rowReadings, type Budget, type Reading, type RowTokens } from './readings.js';
import type { StreamToken, TextToken } from './stream.js';
import { wrappedLabels } from './wrapped.js';
import { matchProactiveRow, normalizeLabel } from '../labels.js';
import {
  isLabelCell,
  labelText,
  mayJoinLabel,
  type Event,
  type LabelText,
} from './proactive-labels.js';
import { withoutPadding, type StructuralTable } from './result.js';

const ROWS = PROACTIVE_GROUPS.flatMap((g, group) =>
  g.rows.map((r) => ({
    key: r.key as ProactiveRowKey,
    group,
    columns: g.columns.map((c) => c.key),
    /** The cells' names, made once (the same strings for every report). */
    names: g.columns.map((c) => `proactive.${r.key}.${c.key}`),
  })),
);
/** The group of each row (its definition's). */
const ROW_GROUP = new Map(ROWS.map((r) => [r.key, r.group]));
/** The rows of each group, in the template's order. */
const GROUP_ROWS = PROACTIVE_GROUPS.map((_, group) => ROWS.filter((r) => r.group === group));

/** A small table: its rows in the order met, each row's figures, and all its figures. */
interface Group {
  rows: ProactiveRowKey[];
  segs: Map<ProactiveRowKey, RowTokens[number][]>;
  all: RowTokens[number][];
}

/** The characters that end a sentence of the prose (。；;！! and a line's end). */
const endsSentence = (code: number) =>
  code === 0x3002 ||
  code === 0xff1b ||
  code === 0x3b ||
  code === 0xff01 ||
  code === 0x21 ||
  code === 0x0a;

/**
 * Figures the prose states next to a row's words ("本年度制发的规范性文件88件"): those of every
 * sentence that has the words. The sentences are found around each place the words stand (not
 * by cutting the whole prose into sentences: few have the words).
 */
function proseFigures(prose: string, words: string): Set<number> {
  const out = new Set<number>();
  for (let at = prose.indexOf(words); at >= 0;) {
    let start = at;
    while (start > 0 && !endsSentence(prose.charCodeAt(start - 1))) start--;
    let end = at + words.length;
    while (end < prose.length && !endsSentence(prose.charCodeAt(end))) end++;
    for (const m of prose.slice(start, end).matchAll(/(\d+(?:\.\d+)?)\s*(?:件|个|条)/g))
      out.add(Number(m[1]));
    // The next sentence that has the words (this one is done).
    at = prose.indexOf(words, end);
  }
  return out;
}

/** Table 二 from the tokens of its region and the report's prose. */
export function readProactiveStructure(
  tokens: readonly StreamToken[],
  /** The report's prose (made only when a split is to be settled by it). */
  prose: () => string,
  budget: Budget,
): StructuralTable {
  // The region as events (row labels, small-table labels), each at the token it starts in;
  // the labelled tokens in the order found, and the label characters of the others.
  const events = new Array<readonly Event[] | undefined>(tokens.length);
  const labelled: number[] = [];
  const labelInfo: LabelText[] = [];
  const isLabelled = new Uint8Array(tokens.length);
  let looseChars = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'text') continue;
    const info = labelText(t.text);
    if (info.events === null) {
      looseChars |= info.chars;
      continue;
    }
    labelled.push(i);
    labelInfo.push(info);
    isLabelled[i] = 1;
    events[i] = info.events;
  }
  // A row label broken across lines or cells ("行政规范性" … "文件", "规" 0 0 0 "章"): at its
  // first piece, the figures between its pieces its own. Only pieces that have every character
  // of a row label between them can make one up: without, there is nothing to look for.
  const wrapped = mayJoinLabel(looseChars)
    ? wrappedLabels(
        tokens,
        (i) => isLabelled[i] === 0,
        (text) => matchProactiveRow(normalizeLabel(text)),
      )
    : [];
  for (const { key, pieces } of wrapped) {
    events[pieces[0]!] = [{ kind: 'row', key }];
    for (const j of pieces) {
      if (isLabelled[j] === 1) continue;
      labelled.push(j);
      labelInfo.push(labelText((tokens[j] as TextToken).text));
      isLabelled[j] = 1;
    }
  }
  // Arrays read here are made by packedMap, not Array.map: this function's optimised code would
  // otherwise meet holey arrays where its feedback saw packed ones and deoptimise (wrong map).
  const groups: Group[] = packedMap(PROACTIVE_GROUPS, () => ({
    rows: [],
    segs: new Map(),
    all: [],
  }));
  let group = 0;
  let row: ProactiveRowKey | null = null;
  // The group of `row` (its definition's).
  let rowGroup = -1;
  let anchored = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'text') {
      const g = groups[group]!;
      if (row && rowGroup === group) g.segs.get(row)!.push(t);
      g.all.push(t);
      continue;
    }
    const found = events[i];
    if (found === undefined) continue;
    for (const event of found) {
      if (event.kind === 'group') {
        group = event.group;
        row = null;
        continue;
      }
      anchored = true;
      row = event.key;
      group = ROW_GROUP.get(row)!;
      rowGroup = group;
      const g = groups[group]!;
      if (!g.segs.has(row)) {
        g.rows.push(row);
        g.segs.set(row, []);
      }
    }
  }
  // The lines of its labels (a cell that is a label, not a sentence naming one) and of their
  // pieces are the table's, not prose.
  const lines = new Set<number>();
  for (let k = 0; k < labelled.length; k++) {
    const t = tokens[labelled[k]!] as TextToken;
    if (isLabelCell(labelInfo[k]!, t.text)) lines.add(t.line);
  }
  const rows = new Set<ProactiveRowKey>();
  for (const g of groups) for (const r of g.rows) rows.add(r);
  const result: StructuralTable = {
    cells: new Map(),
    complete: true,
    findings: [],
    anchored,
    rows,
    lines,
  };
  // Rows whose figures are there, run together, and split more than one way: said per row.
  const ambiguous = new Map<ProactiveRowKey, Reading[]>();
  // Rows with an empty cell: table 二 has no totals, so nothing printed confirms a blank as 0.
  const blank = new Map<ProactiveRowKey, Reading>();
  const unread: ProactiveRowKey[] = [];
  for (let index = 0; index < groups.length; index++) {
    const g = groups[index]!;
    const defs = GROUP_ROWS[index]!;
    const readings = readGroup(g, defs, prose, budget, ambiguous, blank);
    for (let i = 0; i < defs.length; i++) {
      const def = defs[i]!;
      const reading = readings?.[i];
      if (!reading) {
        result.complete = false;
        unread.push(def.key);
        continue;
      }
      for (let c = 0; c < reading.length; c++) {
        const cell = reading[c]!;
        result.cells.set(def.names[c]!, { value: cell.value, line: cell.at?.line ?? null });
      }
      // Figures run together, split the one way their digits allow (or the prose says): said.
      // A cell written "/" or left empty is printed too: not a figure run together with another.
      // As many tokens as cells, the last no empty cell: none is padding, every cell printed.
      const seg = g.segs.get(def.key) ?? [];
      if (seg.length >= reading.length && seg[seg.length - 1]!.kind !== 'empty') continue;
      const printed = withoutPadding(seg, reading.length);
      const figures = printed.filter((t) => t.kind === 'figure');
      if (figures.length > 0 && printed.length < reading.length) {
        const line = figures[0]!.line;
        result.findings.push({
          code: 'cell-count',
          severity: 'warning',
          location: { table: 'proactive', row: def.key, line },
          message: `表二${proactiveCellName(def.key, '')}行（第 ${line} 行）数字连在一起（${packedMap(figures, (t) => t.raw).join(' ')}），按唯一可能的拆分读作 ${packedMap(reading, (c) => String(c.value)).join('、')}；请对照原件核对。`,
        });
      }
    }
  }
  for (const [row, candidates] of ambiguous) {
    const line = candidates[0]?.find((c) => c.at)?.at?.line;
    result.findings.push({
      code: 'cell-count',
      severity: 'error',
      location: { table: 'proactive', row, ...(line ? { line } : {}) },
      message: `表二${proactiveCellName(row, '')}行的数字连在一起，可以拆分为 ${packedMap(
        candidates.slice(0, 5),
        (r) => packedMap(r, (c) => String(c.value)).join('、'),
      ).join('，或 ')}，无法确定是哪一种；该行未读入，请对照原件核对并手工填写。`,
    });
  }
  for (const [row, reading] of blank) {
    const line = reading.find((c) => c.at)?.at?.line;
    const empty = reading.filter((c) => c.empty).length;
    result.findings.push({
      code: 'unread-table',
      severity: 'error',
      location: { table: 'proactive', row, ...(line ? { line } : {}) },
      message: `表二${proactiveCellName(row, '')}行有 ${empty} 个空白单元格；表二没有总计，无法确认空白为 0，该行未读入；请对照原件核对并手工填写这一行。`,
    });
  }
  if (!result.complete && anchored && unread.some((row) => !ambiguous.has(row) && !blank.has(row)))
    result.findings.push({
      code: 'unread-table',
      severity: 'error',
      location: { table: 'proactive' },
      message: `未能读出表二（主动公开政府信息情况）的全部数字：${proactiveCellName('normative_documents', 'issued')}等单元格的数字与标签对不上；请对照原件核对并手工填写。`,
    });
  return result;
}

/** The readings of a small table's rows (in template order), or null when not settled. */
function readGroup(
  g: Group,
  defs: typeof ROWS,
  prose: () => string,
  budget: Budget,
  ambiguous: Map<ProactiveRowKey, Reading[]>,
  blank: Map<ProactiveRowKey, Reading>,
): (Reading | null)[] | null {
  const byRow = packedMap(defs, (d) => {
    const seg = g.segs.get(d.key);
    if (!seg || seg.length === 0) return null;
    // Empty grid cells beyond the row's width (a DOCX table's merged header) are padding.
    const found = rowReadings(
      withoutPadding(seg, d.columns.length),
      d.columns.length,
      () => true,
      budget,
      false,
    );
    if (!found || found.length === 0) return null;
    // An empty cell is no figure: with no total to confirm it as 0, the row stays unread.
    const withBlank = found.find((r) => r.some((c) => c.empty));
    if (withBlank) {
      blank.set(d.key, withBlank);
      return null;
    }
    if (found.length === 1) return found[0]!;
    // Run together: the prose decides, when one split agrees with it more than any other.
    const said = proseFigures(prose(), d.key === 'regulations' ? '规章' : '规范性文件');
    const score = (r: Reading) => r.filter((c) => said.has(c.value)).length;
    const best = Math.max(...packedMap(found, score));
    const top = found.filter((r) => score(r) === best);
    if (best > 0 && top.length === 1) return top[0]!;
    ambiguous.set(d.key, found);
    return null;
  });
  if (byRow.every((r) => r !== null)) return byRow;
  // Figures before their labels: the small table's figures in the template's order.
  const all = g.all;
  const total = defs.reduce((s, d) => s + d.columns.length, 0);
  if (all.length !== total || all.some((t) => t.kind === 'empty')) return byRow;
  let at = 0;
  // Read in the template's order: no row is left to a split.
  for (const d of defs) ambiguous.delete(d.key);
  return packedMap(defs, (d) => {
    const cells = all.slice(at, at + d.columns.length);
    at += d.columns.length;
    return packedMap(cells, (t) => ({ value: Number(t.kind === 'figure' ? t.raw : 0), at: t }));
  });
}
