/**
 * What every document shows, in order, and the three tables as grids of merged cells in the
 * official layout (国办公开办函〔2021〕30号). HTML and DOCX draw the same grids, so their merged
 * header cells cannot drift apart; the text and CSV writers read the same definitions.
 */
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  APPLICATION_BALANCE_NOTE,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROWS,
  APPLICANT_HEADER,
  LITIGATION_HEADER,
  ORGANISATION_HEADER,
  OUTCOME_GROUPS,
  OUTCOMES_HEADER,
  PROACTIVE_CONTENT_LABEL,
  PROACTIVE_GROUPS,
  SECTION_DEFINITIONS,
  type ApplicationRowKey,
  type SectionKey,
} from '../core/report/format.js';
import type { AnnualReport, Cell, ReportTables } from '../core/report/model.js';
import { formatChineseDate } from '../core/calendar/date.js';

export type TableKey = keyof ReportTables;

export type Block =
  /** A section heading; `html` is the section's rich text, when it was written as such. */
  | { kind: 'heading'; text: string; html?: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: TableKey };

/** The title as the document prints it. */
export function reportTitle(report: AnnualReport): string {
  return report.title ?? `${report.agency}${report.year}年政府信息公开工作年度报告`;
}

/** Non-empty paragraphs of a plain-text narrative. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A date as a 落款 writes it: 2024年1月20日, 二〇二四年一月二十日, 2024-01-20, 2024.1.20. */
const CLOSING_DATE =
  /(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d〇零一二三四五六七八九十]{1,3}\s*月\s*[\d〇零一二三四五六七八九十]{1,3}\s*日|^\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}$/;

/**
 * The 落款 the document ends with: the closing as written, with the agency's name and the date
 * added where it has none (a new draft's closing is the agency's name alone; an imported
 * report's may be empty). The date is the publication date, or, for a draft, the date the
 * document is made (the caller puts it in publishedOn); with neither, no date is invented.
 */
export function closingLines(report: AnnualReport): string[] {
  const lines = paragraphs(report.closing);
  const dated = lines.some((l) => CLOSING_DATE.test(l));
  const signed = lines.some((l) => !CLOSING_DATE.test(l));
  const out = signed ? lines : [report.agency, ...lines];
  if (!dated && report.publishedOn && /^\d{4}-\d{2}-\d{2}$/.test(report.publishedOn)) {
    out.push(formatChineseDate(report.publishedOn));
  }
  return out.filter((l) => l !== '');
}

const TABLE_OF_SECTION: Partial<Record<SectionKey, TableKey>> = {
  proactive: 'proactive',
  applications: 'applications',
  appeals: 'appeals',
};

/**
 * The body of the report after its title and preamble: each section's heading, its paragraphs
 * and, for sections 二–四, its table. A table whose section is absent from the model is still
 * drawn, under its official heading, where the format puts it.
 */
export function reportBlocks(report: AnnualReport): Block[] {
  const blocks: Block[] = [];
  const drawn = new Set<TableKey>();
  const sectionBlocks = (
    number: string,
    title: string,
    text: string,
    table?: TableKey,
    html?: string,
  ) => {
    blocks.push({ kind: 'heading', text: `${number}、${title}`, ...(html ? { html } : {}) });
    for (const p of paragraphs(text)) blocks.push({ kind: 'paragraph', text: p });
    if (table) {
      blocks.push({ kind: 'table', table });
      drawn.add(table);
    }
  };
  const missingTablesBefore = (index: number) => {
    for (const definition of SECTION_DEFINITIONS.slice(0, index + 1)) {
      const table = TABLE_OF_SECTION[definition.key];
      if (table && !drawn.has(table) && !report.sections.some((s) => s.key === definition.key)) {
        sectionBlocks(definition.number, definition.title, '', table);
      }
    }
  };
  for (const section of report.sections) {
    const index = SECTION_DEFINITIONS.findIndex((d) => d.key === section.key);
    missingTablesBefore(index === -1 ? SECTION_DEFINITIONS.length - 1 : index - 1);
    const table = section.key ? TABLE_OF_SECTION[section.key] : undefined;
    sectionBlocks(
      section.number,
      section.title,
      section.text,
      table && !drawn.has(table) ? table : undefined,
      section.html,
    );
  }
  missingTablesBefore(SECTION_DEFINITIONS.length - 1);
  return blocks;
}

/** A figure as printed: integers as they are, 万元 with the decimals it has; blank for none. */
export function formatCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  return Number.isFinite(value) ? String(value) : '';
}

// ---------------------------------------------------------------------------------------------
// Grids
// ---------------------------------------------------------------------------------------------

export interface GridCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** header: column/group headings; label: a row's name; value: a figure. */
  kind: 'header' | 'label' | 'value';
}

export interface Grid {
  table: TableKey;
  title: string;
  columns: number;
  /** How many leading rows are headings (repeated on each printed page). */
  headerRows: number;
  rows: GridCell[][];
  /** Relative widths of the columns. */
  widths: number[];
}

const header = (text: string, span: { rowSpan?: number; colSpan?: number } = {}): GridCell => ({
  text,
  kind: 'header',
  ...span,
});
const label = (text: string, span: { rowSpan?: number; colSpan?: number } = {}): GridCell => ({
  text,
  kind: 'label',
  ...span,
});
const value = (v: Cell | undefined, colSpan?: number): GridCell => ({
  text: formatCell(v),
  kind: 'value',
  ...(colSpan ? { colSpan } : {}),
});

export const TABLE_TITLES: Record<TableKey, string> = {
  proactive: '主动公开政府信息情况',
  applications: '收到和处理政府信息公开申请情况',
  appeals: '政府信息公开行政复议、行政诉讼情况',
};

/** Table 二: four columns; each 第二十条 item is a heading row, a column-label row, its rows. */
export function proactiveGrid(tables: ReportTables): Grid {
  const rows: GridCell[][] = [];
  for (const group of PROACTIVE_GROUPS) {
    rows.push([header(group.label, { colSpan: 4 })]);
    const last = group.columns.length === 1 ? 3 : 1;
    rows.push([
      header(PROACTIVE_CONTENT_LABEL),
      ...group.columns.map((c) => header(c.label, last === 3 ? { colSpan: 3 } : {})),
    ]);
    for (const row of group.rows) {
      const cells = tables.proactive[row.key] as Record<string, Cell | undefined> | undefined;
      rows.push([
        label(row.label),
        ...group.columns.map((c) => value(cells?.[c.key], last === 3 ? 3 : undefined)),
      ]);
    }
  }
  return {
    table: 'proactive',
    title: TABLE_TITLES.proactive,
    columns: 4,
    headerRows: 0,
    rows,
    widths: [4, 3, 3, 3],
  };
}

const outcomeRows = (group: string) => APPLICATION_ROWS.filter((r) => r.group === group);

/**
 * Table 三: three label columns (the note over them), then 自然人, the five 法人或其他组织
 * columns and 总计; 三、本年度办理结果 spans its 22 rows and each of （三）–（六） its items.
 */
export function applicationsGrid(tables: ReportTables): Grid {
  const t = tables.applications;
  const values = (key: ApplicationRowKey) => APPLICATION_COLUMN_KEYS.map((c) => value(t[key]?.[c]));
  const rows: GridCell[][] = [
    [
      header(APPLICATION_BALANCE_NOTE, { rowSpan: 3, colSpan: 3 }),
      header(APPLICANT_HEADER, { colSpan: 7 }),
    ],
    [
      header(APPLICANT_COLUMNS[0].label, { rowSpan: 2 }),
      header(ORGANISATION_HEADER, { colSpan: 5 }),
      header('总计', { rowSpan: 2 }),
    ],
    APPLICANT_COLUMNS.slice(1).map((c) => header(c.label)),
  ];
  const rowLabel = (key: ApplicationRowKey) => APPLICATION_ROWS.find((r) => r.key === key)!.label;
  rows.push([label(rowLabel('received'), { colSpan: 3 }), ...values('received')]);
  rows.push([label(rowLabel('carried_over'), { colSpan: 3 }), ...values('carried_over')]);
  const outcomeRowCount = APPLICATION_ROWS.filter((r) => r.group !== null).length;
  let first = true;
  for (const group of OUTCOME_GROUPS) {
    const items = outcomeRows(group.key);
    const lead: GridCell[] = first ? [label(OUTCOMES_HEADER, { rowSpan: outcomeRowCount })] : [];
    first = false;
    if (items.length === 1 && items[0]!.key === group.key) {
      // （一）予以公开, （二）部分公开, （七）总计: one row across both label columns.
      rows.push([...lead, label(items[0]!.label, { colSpan: 2 }), ...values(items[0]!.key)]);
      continue;
    }
    items.forEach((item, i) => {
      rows.push([
        ...(i === 0 ? lead : []),
        ...(i === 0 ? [label(`${group.number}${group.label}`, { rowSpan: items.length })] : []),
        label(item.label),
        ...values(item.key),
      ]);
    });
  }
  rows.push([label(rowLabel('carried_forward'), { colSpan: 3 }), ...values('carried_forward')]);
  return {
    table: 'applications',
    title: TABLE_TITLES.applications,
    columns: 10,
    headerRows: 3,
    rows,
    widths: [1.6, 2.2, 8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8],
  };
}

/** Table 四: 行政复议 (five columns) and 行政诉讼 (two groups of five), one row of figures. */
export function appealsGrid(tables: ReportTables): Grid {
  const review = APPEAL_GROUPS.find((g) => g.parent === null)!;
  const lawsuits = APPEAL_GROUPS.filter((g) => g.parent !== null);
  const rows: GridCell[][] = [
    [header(review.label, { colSpan: 5 }), header(LITIGATION_HEADER, { colSpan: 10 })],
    [
      ...APPEAL_COLUMNS.map((c) => header(c.label, { rowSpan: 2 })),
      ...lawsuits.map((g) => header(g.label, { colSpan: 5 })),
    ],
    lawsuits.flatMap(() => APPEAL_COLUMNS.map((c) => header(c.label))),
    APPEAL_GROUPS.flatMap((g) => APPEAL_COLUMNS.map((c) => value(tables.appeals[g.key]?.[c.key]))),
  ];
  return {
    table: 'appeals',
    title: TABLE_TITLES.appeals,
    columns: 15,
    headerRows: 3,
    rows,
    widths: Array.from({ length: 15 }, () => 1),
  };
}

export interface PlacedCell {
  cell: GridCell;
  row: number;
  /** The first column the cell covers, counting the columns taken by rowspans from above. */
  column: number;
}

/** Where each cell of a grid sits, as a browser lays out rowspan and colspan. */
export function placeCells(grid: Grid): PlacedCell[][] {
  const occupied: boolean[][] = grid.rows.map(() => []);
  return grid.rows.map((cells, row) => {
    let column = 0;
    return cells.map((cell) => {
      while (occupied[row]![column]) column++;
      const placed = { cell, row, column };
      for (let r = row; r < row + (cell.rowSpan ?? 1) && r < grid.rows.length; r++) {
        for (let c = column; c < column + (cell.colSpan ?? 1); c++) occupied[r]![c] = true;
      }
      column += cell.colSpan ?? 1;
      return placed;
    });
  });
}

export function tableGrid(table: TableKey, tables: ReportTables): Grid {
  if (table === 'proactive') return proactiveGrid(tables);
  if (table === 'applications') return applicationsGrid(tables);
  return appealsGrid(tables);
}
