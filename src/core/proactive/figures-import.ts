/**
 * Reading table 二's （五）（六）（八） figures from a simple sheet (CSV or the first worksheet of
 * an XLSX), already turned into rows of cell texts. The layout, documented in
 * docs/proactive-figures-import.md: one row per figure, its name in the first non-empty cell
 * (行政许可 / 行政处罚 / 行政强制 / 行政事业性收费, with or without （五）… and 决定数/金额),
 * its value in the next non-empty cell — 本年处理决定数量 (a non-negative integer) or 金额（万元）
 * (up to six decimals, one fen). A header row and other rows are ignored. Every problem is
 * listed at once, each with its row and column.
 */

export type FigureKey = 'licensing' | 'penalty' | 'coercion' | 'fees';

export const FIGURE_ROWS: readonly { key: FigureKey; label: string; match: RegExp }[] = [
  { key: 'licensing', label: '行政许可', match: /许可/ },
  { key: 'penalty', label: '行政处罚', match: /处罚/ },
  { key: 'coercion', label: '行政强制', match: /强制/ },
  { key: 'fees', label: '行政事业性收费', match: /收费/ },
];

export interface ImportedFigures {
  licensing: number;
  penalty: number;
  coercion: number;
  feesFen: number;
}

export interface ImportProblem {
  /** 1-based; 0 when the problem is the whole sheet's (a row missing). */
  row: number;
  column: number;
  message: string;
}

export type FiguresReading =
  { ok: true; figures: ImportedFigures } | { ok: false; problems: ImportProblem[] };

const MAX_COUNT = 999_999_999;
/** 万元 → fen: 1 万元 = 1,000,000 fen. */
const FEN_PER_WAN = 1_000_000;

/** A cell as written: full-width digits and separators made plain, spaces and commas dropped. */
function plain(cell: string): string {
  return cell
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/[\s,，]/g, '');
}

/** Which figure a label names, if any. A header mentioning several names none. */
function keyOf(label: string): FigureKey | null {
  const text = label.replace(/\s/g, '');
  const hits = FIGURE_ROWS.filter((r) => r.match.test(text));
  return hits.length === 1 ? hits[0]!.key : null;
}

/** 万元 text (up to six decimals) → integer fen, exactly (no floating-point rounding). */
function wanToFen(text: string): number {
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * FEN_PER_WAN + Number(frac.padEnd(6, '0'));
}

const cellName = (row: number, column: number) => `第 ${row} 行第 ${column} 列`;

export function readFiguresSheet(rows: readonly (readonly string[])[]): FiguresReading {
  const problems: ImportProblem[] = [];
  const found = new Map<FigureKey, { row: number; value: number }>();
  rows.forEach((cells, r) => {
    const row = r + 1;
    const first = cells.findIndex((c) => c.trim() !== '');
    if (first < 0) return;
    const key = keyOf(cells[first]!);
    if (!key) return;
    const label = FIGURE_ROWS.find((f) => f.key === key)!.label;
    const previous = found.get(key);
    if (previous) {
      problems.push({
        row,
        column: first + 1,
        message: `第 ${row} 行：“${label}”已在第 ${previous.row} 行出现过，每项只能有一行；请删去多余的一行。`,
      });
      return;
    }
    const at = cells.findIndex((c, i) => i > first && c.trim() !== '');
    if (at < 0) {
      problems.push({
        row,
        column: first + 2,
        message: `${cellName(row, first + 2)}（${label}）：没有填写数值；请在名称右侧的单元格填写。`,
      });
      found.set(key, { row, value: -1 });
      return;
    }
    const raw = cells[at]!.trim();
    const text = plain(raw);
    const where = `${cellName(row, at + 1)}（${label}）`;
    if (key === 'fees') {
      if (!/^\d{1,8}(\.\d{1,6})?$/.test(text)) {
        problems.push({
          row,
          column: at + 1,
          message: `${where}：“${raw}”不是以万元为单位、不小于 0 的金额（最多 6 位小数，例如 12.5）。`,
        });
        found.set(key, { row, value: -1 });
        return;
      }
      found.set(key, { row, value: wanToFen(text) });
      return;
    }
    if (!/^\d+$/.test(text) || Number(text) > MAX_COUNT) {
      problems.push({
        row,
        column: at + 1,
        message: `${where}：“${raw}”不是不小于 0 的整数（件数，不带小数）。`,
      });
      found.set(key, { row, value: -1 });
      return;
    }
    found.set(key, { row, value: Number(text) });
  });
  for (const f of FIGURE_ROWS)
    if (!found.has(f.key))
      problems.push({
        row: 0,
        column: 0,
        message: `缺少“${f.label}”一行：第一列写“${f.label}”，第二列写${f.key === 'fees' ? '金额（万元）' : '本年处理决定数量'}。`,
      });
  if (problems.length > 0) return { ok: false, problems };
  const v = (k: FigureKey) => found.get(k)!.value;
  return {
    ok: true,
    figures: {
      licensing: v('licensing'),
      penalty: v('penalty'),
      coercion: v('coercion'),
      feesFen: v('fees'),
    },
  };
}
