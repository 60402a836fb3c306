/**
 * Reading a published annual report into the one model (AnnualReport): title, agency, year,
 * publication date, sections and the three tables, with every figure traced to its line.
 *
 * The input is rows of cells with line numbers — the lines of a text file cut into cells, or
 * the lines an HTML, DOCX or PDF reader made from its document — so every format goes through
 * this one reader. Pure: no I/O, no clock.
 */
import type { SectionKey } from '../report/format.js';
import type { Finding } from '../report/findings.js';
import type { AgencyLevel, AnnualReport, ReportFormat, ReportSection } from '../report/model.js';
import type { SourceLines, SourceRow } from './source.js';
import { toHalfWidth } from './text.js';
import {
  agencyLevelOf,
  breadcrumbDate,
  cleanAgency,
  dateOf,
  findTitle,
  CLOSING_TAIL_DATE,
  headDate,
  isNavigation,
  publicationDate,
  type PublicationDate,
} from './metadata.js';
import { parseHeading, type Heading } from './headings.js';
import { joinWrappedHeadings } from './heading-wraps.js';
import { furnitureRows, relined, textRows, type Row } from './rows.js';
import { readStructure, STRUCTURE_BUDGET } from './structure/index.js';
import type { Budget } from './structure/readings.js';
import { adoptStructure } from './structure/merge.js';

export interface ReadOptions {
  /** Cap on the steps spent repairing damaged tables (bounds the time per document). */
  budgetSteps?: number;
}

export interface ReadResult {
  /** The report, or null when the text holds nothing of an annual report. */
  report: AnnualReport | null;
  /** What the reader found wrong or repaired, each pointing at its line. */
  findings: Finding[];
  /** Where each figure came from: "applications.received.total" → line number. */
  sourceLines: SourceLines;
  /** Where the publication date was read (metadata.ts's order of trust), when one was. */
  published?: PublicationDate | null;
}

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

/**
 * The prose of rows start…end: what is not table, furniture or closing (the rows from
 * `closingFrom` on that are not empty: see readReport).
 */
function prose(
  rows: readonly Row[],
  start: number,
  end: number,
  furniture: ReadonlySet<number>,
  closingFrom: number,
  tableLines: Uint8Array,
): string {
  const parts: string[] = [];
  const last = Math.min(end, closingFrom);
  const anyFurniture = furniture.size > 0;
  for (let i = start; i < last; i++) {
    const row = rows[i]!;
    // A line cut into pieces at its headings (a page joined onto one line) holds prose too.
    if (row.empty || (tableLines[row.line] === 1 && !row.piece)) continue;
    if (anyFurniture && furniture.has(i)) continue;
    parts.push(row.shown);
  }
  return parts.join('\n');
}

/**
 * A mark for each of n lines (indices 0…n-1, all clear; the array may be longer): one buffer
 * reused from document to document (a typed array is costly to allocate), unless n is large
 * (then made for this document alone). readReport is not re-entered: one buffer serves it.
 */
function lineMarks(n: number): Uint8Array {
  if (n > MAX_KEPT_MARKS) return new Uint8Array(n);
  if (marks.length < n)
    marks = new Uint8Array(Math.min(MAX_KEPT_MARKS, Math.max(n, 2 * marks.length)));
  else marks.fill(0, 0, n);
  return marks;
}

const MAX_KEPT_MARKS = 1 << 16;
let marks = new Uint8Array(1024);

/** Whether a heading stands on row i. */
function headingAt(headings: readonly Heading[], i: number): boolean {
  for (const h of headings) if (h.index === i) return true;
  return false;
}

/** Whether an object has an own enumerable key (`Object.keys(o).length > 0`, without the array). */
function hasKey(o: object): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return true;
  return false;
}

/**
 * Reads a report from rows of cells.
 *
 * @example
 *   const { report, findings, sourceLines } = readReport(textRows(text));
 *   sourceLines['applications.received.total'] // → the line the figure was read from
 */
export function readReport(
  sourceRows: readonly SourceRow[],
  options: ReadOptions = {},
): ReadResult {
  const budget: Budget = { steps: options.budgetSteps ?? STRUCTURE_BUDGET };
  // A heading broken over lines stands whole on its first line, for the sections and the tables.
  const rows = joinWrappedHeadings(relined(sourceRows));
  const findings: Finding[] = [];
  const furniture = furnitureRows(rows);

  // Headings, in document order; the first heading of each section counts.
  const headings: Heading[] = [];
  const seen = new Set<SectionKey>();
  let sawLast = false;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.empty || furniture.has(i)) continue;
    const heading = parseHeading(rows[i]!, i, sawLast);
    if (!heading) continue;
    if (heading.key !== null) {
      if (seen.has(heading.key)) continue;
      seen.add(heading.key);
      if (heading.key === 'other') sawLast = true;
    }
    headings.push(heading);
  }

  const firstHeading = headings[0]?.index ?? rows.length;
  const titleInfo = findTitle(rows, firstHeading);

  const sourceLines: SourceLines = {};
  // The lines the tables stand on, by line (a row's line is no greater than the greatest).
  let lastLine = 0;
  for (const row of rows) if (row.line > lastLine) lastLine = row.line;
  const tableLines = lineMarks(lastLine + 1);
  const tables: AnnualReport['tables'] = { proactive: {}, applications: {}, appeals: {} };
  let format: ReportFormat = '2021';
  {
    // Page furniture (a page number alone on its line) is no figure of a table.
    let tableRows = rows;
    if (furniture.size > 0) {
      const kept: Row[] = [];
      for (let i = 0; i < rows.length; i++) if (!furniture.has(i)) kept.push(rows[i]!);
      tableRows = kept;
    }
    const structure = readStructure(tableRows, budget);
    if (structure.format2019) format = '2019';
    findings.push(...adoptStructure(tables, sourceLines, structure));
    for (const st of Object.values(structure.tables))
      if (st?.lines) for (const l of st.lines) if (l >= 0 && l <= lastLine) tableLines[l] = 1;
  }

  // The closing: signature and date after the last section. Its rows are the rows not empty
  // from closingFrom on (the date's, up to two just above it, and all after it).
  let closingDate: PublicationDate | null = null;
  let closingFrom = rows.length;
  {
    let checked = 0;
    for (let i = rows.length - 1; i >= firstHeading && checked < 8; i--) {
      if (rows[i]!.empty || furniture.has(i)) continue;
      checked++;
      const date = dateOf(rows[i]!.text);
      if (!date) continue;
      closingDate = { date, source: 'closing', line: rows[i]!.line };
      closingFrom = i;
      // The signature: up to two short lines just above the date.
      let taken = 0;
      for (let j = i - 1; j > firstHeading && taken < 2; j--) {
        if (rows[j]!.empty) continue;
        const text = rows[j]!.text;
        if (text.length > 40 || /[。；;]/.test(text) || headingAt(headings, j)) break;
        closingFrom = j;
        taken++;
      }
      break;
    }
  }
  if (!closingDate) {
    // A 落款 run together with the last section's text (a page on one line): its date ends the row.
    let last = rows.length - 1;
    while (last >= firstHeading && (rows[last]!.empty || furniture.has(last))) last--;
    const m = last >= firstHeading ? CLOSING_TAIL_DATE.exec(rows[last]!.text) : null;
    const date = m ? dateOf(m[1]!) : null;
    if (date) closingDate = { date, source: 'closing', line: rows[last]!.line };
  }
  // The publication date: the report's own under its title, the page's 发布时间, the 落款's.
  const published = publicationDate([
    headDate(rows, titleInfo.rows, firstHeading, titleInfo.inline),
    breadcrumbDate(rows, firstHeading),
    closingDate,
  ]);
  const publishedOn = published?.date ?? null;

  // Sections and their prose (what is not table, furniture or closing).
  const sections: ReportSection[] = headings.map((h, k) => {
    const end = headings[k + 1]?.index ?? rows.length;
    const body = prose(rows, h.index + 1, end, furniture, closingFrom, tableLines);
    return {
      key: h.key,
      number: h.number,
      title: h.title,
      text: h.rest ? (body ? `${h.rest}\n${body}` : h.rest) : body,
    };
  });
  const titleRows = new Set(titleInfo.rows);
  const preambleParts: string[] = [];
  for (let i = 0; i < firstHeading; i++) {
    const row = rows[i]!;
    if (row.empty || furniture.has(i) || titleRows.has(i) || tableLines[row.line] === 1) continue;
    if (titleInfo.rows.length > 0 && i < titleInfo.rows[0]!) continue;
    preambleParts.push(row.shown);
  }
  // The closing's rows, in order.
  const closingShown: string[] = [];
  for (let i = closingFrom; i < rows.length; i++)
    if (!rows[i]!.empty) closingShown.push(rows[i]!.shown);
  const closing = closingShown.filter((t) => t !== '' && !/^\d{1,3}$/.test(t)).join('\n');

  // The smaller tables first: a key found there spares listing table 三's.
  const hasTables =
    hasKey(tables.appeals) || hasKey(tables.proactive) || hasKey(tables.applications);
  if (!hasTables && headings.length === 0 && titleInfo.title === null) {
    findings.push({
      code: 'unreadable-file',
      severity: 'error',
      location: {},
      message:
        '未在文件中识别出政府信息公开工作年度报告（没有报告标题、一至六部分的标题或统计表）；请确认文件内容，或检查文件是否为扫描件、加密文件或其他文档。',
    });
    return { report: null, findings, sourceLines };
  }

  // Year: the title's, else the statistics period's, else the most frequent year in the text.
  let year = titleInfo.year;
  if (year === null) {
    const all = rows
      .filter((r, i) => (i < closingFrom || r.empty) && !isNavigation(r.text))
      .map((r) => r.text)
      .join('\n');
    const period = /自\s*((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日/.exec(all);
    if (period) year = Number(period[1]);
    else {
      // A year of a whole date (the day it was published, a meeting's) is not the report's.
      const counts = new Map<number, number>();
      for (const m of all.matchAll(/((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/g))
        counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
      let best: [number, number] | null = null;
      for (const e of counts) if (!best || e[1] > best[1]) best = e;
      if (best) year = best[0];
    }
    findings.push({
      code: 'year-mismatch',
      severity: 'warning',
      location: {},
      // Without a title read, the year's absence is the reader's limit, not the title's.
      message:
        titleInfo.title === null
          ? year
            ? `未能识别报告标题，按正文推断报告年度为${year}年；请核对原件。`
            : '未能识别报告标题，正文中也没有报告年度；请核对原件并手工填写。'
          : year
            ? `标题中未找到报告年度，按正文推断为${year}年；请核对。`
            : '未能识别报告年度（标题和正文中都没有年份）；请核对原件并手工填写。',
    });
  }
  let agency = titleInfo.agency;
  if (!agency) {
    const signature = closingShown.find((t) => !dateOf(toHalfWidth(t)) && t.length <= 40);
    if (signature) agency = cleanAgency(signature);
  }
  if (!agency) {
    findings.push({
      code: 'unread-section',
      severity: 'warning',
      location: { section: '标题' },
      message:
        titleInfo.title === null
          ? '未能识别报告标题，落款中也未识别出发布报告的机关名称；请核对原件并手工填写。'
          : '未能识别发布报告的机关名称（标题和落款中都没有）；请核对原件并手工填写。',
    });
  }
  const agencyLevel: AgencyLevel | null = agencyLevelOf(agency);

  const report: AnnualReport = {
    agency,
    agencyLevel,
    year: year ?? 0,
    publishedOn,
    title: titleInfo.title,
    format,
    preamble: preambleParts.join('\n'),
    sections,
    tables,
    closing,
  };
  return { report, findings, sourceLines, published };
}

export { isNavigation } from './metadata.js';
export { lineRows, textRows } from './rows.js';

/** Reads the report in a decoded text. */
export function readReportText(text: string, options: ReadOptions = {}): ReadResult {
  return readReport(textRows(text), options);
}
