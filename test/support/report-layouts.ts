/**
 * A report written out in the text layouts published reports really have — the layouts of the
 * corpus and what converters make of them — for the reader's fixtures, its property tests and
 * its benchmark. Each layout is a plain function of the report (and, for damage, of a seed), so
 * the expected figures are always the report's own.
 */
import {
  APPEAL_COLUMNS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROWS,
  OUTCOME_GROUPS,
  PROACTIVE_GROUPS,
  type ApplicationRowKey,
} from '../../src/core/report/format.js';
import type { AnnualReport, Cell } from '../../src/core/report/model.js';

export const TEXT_LAYOUTS = [
  'tabs',
  'cell-per-line',
  'lost-cells',
  'run-together',
  'markdown',
  'layout-mode',
  'fullwidth',
  'raw-mode',
] as const;
export type TextLayout = (typeof TEXT_LAYOUTS)[number];

/** A table row as cells: label cells then value cells. */
interface Row {
  labels: string[];
  values: string[];
  /** Header rows have no values. */
  header?: boolean;
}

const show = (v: Cell | undefined) => (v === null || v === undefined ? '' : String(v));

function proactiveRows(report: AnnualReport): Row[] {
  const rows: Row[] = [];
  for (const group of PROACTIVE_GROUPS) {
    rows.push({ labels: [group.label], values: [], header: true });
    rows.push({
      labels: ['信息内容', ...group.columns.map((c) => c.label)],
      values: [],
      header: true,
    });
    for (const row of group.rows) {
      const cells = report.tables.proactive[row.key] as Record<string, Cell> | undefined;
      rows.push({ labels: [row.label], values: group.columns.map((c) => show(cells?.[c.key])) });
    }
  }
  return rows;
}

/** Label cells of a table 三 row as the official table prints them (group cells where they start). */
function applicationLabels(key: ApplicationRowKey, index: number): string[] {
  const row = APPLICATION_ROWS[index]!;
  const group = OUTCOME_GROUPS.find((g) => g.key === row.group);
  if (row.group === null) return [row.label];
  if (key === 'total') return [row.label];
  if (key === 'disclosed') return ['三、本年度办理结果', row.label];
  if (key === 'partially_disclosed') return ['', row.label];
  const first = APPLICATION_ROWS.findIndex((r) => r.group === row.group) === index;
  return ['', first ? `${group!.number}${group!.label}` : '', row.label];
}

function applicationRows(report: AnnualReport): Row[] {
  const rows: Row[] = [
    {
      labels: [
        '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
        '申请人情况',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      values: [],
      header: true,
    },
    { labels: ['', '自然人', '法人或其他组织', '', '', '', '', '总计'], values: [], header: true },
    {
      labels: ['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
      values: [],
      header: true,
    },
  ];
  APPLICATION_ROWS.forEach((row, i) => {
    const cells = report.tables.applications[row.key];
    rows.push({
      labels: applicationLabels(row.key, i),
      values: APPLICATION_COLUMN_KEYS.map((c) => show(cells?.[c])),
    });
  });
  return rows;
}

function appealRows(report: AnnualReport): Row[] {
  const columns = APPEAL_COLUMNS.map((c) => c.label);
  return [
    { labels: ['行政复议', '', '', '', '', '行政诉讼'], values: [], header: true },
    {
      labels: [...columns, '未经复议直接起诉', '', '', '', '', '复议后起诉'],
      values: [],
      header: true,
    },
    { labels: ['', '', '', '', '', ...columns, ...columns], values: [], header: true },
    {
      labels: [],
      values: APPEAL_GROUP_KEYS.flatMap((g) =>
        APPEAL_COLUMNS.map((c) => show(report.tables.appeals[g]?.[c.key])),
      ),
    },
  ];
}

/** A deterministic pseudo-random sequence (mulberry32), for damage chosen by seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FULL = (text: string) =>
  text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Display width: CJK characters count two. */
const width = (text: string) =>
  [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const padRight = (text: string, w: number) => text + ' '.repeat(Math.max(2, w - width(text)));
const padLeft = (text: string, w: number) => ' '.repeat(Math.max(2, w - width(text))) + text;

function wrap(text: string, chars: number): string[] {
  const out: string[] = [];
  const cs = [...text];
  for (let i = 0; i < cs.length; i += chars) out.push(cs.slice(i, i + chars).join(''));
  return out.length ? out : [''];
}

function renderTable(
  rows: readonly Row[],
  layout: TextLayout,
  random: () => number,
  lost: Set<Row>,
): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const labels = row.labels;
    let values = row.values;
    if (lost.has(row)) {
      // A converter lost one cell of the row (the corpus's 002 lost 其他 of rows （一） and （二））.
      const drop = Math.floor(random() * values.length);
      values = values.filter((_, i) => i !== drop);
    }
    switch (layout) {
      case 'tabs':
      case 'lost-cells':
      case 'fullwidth':
        out.push([...labels, ...values].join('\t'));
        break;
      case 'cell-per-line':
        for (const cell of [...labels, ...values]) out.push(`\t${cell}`);
        out.push('');
        break;
      case 'run-together': {
        const label = labels.filter((l) => l !== '').join(' ');
        out.push(row.header ? labels.join('\t') : `${label}${values.join('')}`);
        break;
      }
      case 'markdown': {
        const cells = [
          ...labels.map((l) => (l && !row.header && random() < 0.3 ? `**${l}**` : l)),
          ...values,
        ];
        out.push(`| ${cells.join(' | ')} |`);
        if (row === rows[0]) out.push(`|${cells.map(() => '---').join('|')}|`);
        break;
      }
      case 'layout-mode': {
        // pdftotext -layout: columns by spaces, long labels wrapped onto the next line.
        const label = labels.filter((l) => l !== '').join('  ');
        const pieces = wrap(label, 18);
        const numbers = values.map((v) => padLeft(v, 8)).join('');
        out.push(`${padRight(pieces[0]!, 40)}${numbers}`.trimEnd());
        for (const more of pieces.slice(1)) out.push(`    ${more}`);
        break;
      }
      case 'raw-mode': {
        // pdftotext -raw: text in content order, a row's numbers on one line after its label.
        const label = labels.filter((l) => l !== '').join(' ');
        if (label) out.push(label);
        if (values.length) out.push(values.join(' '));
        break;
      }
    }
  }
  return out;
}

export interface LayoutOptions {
  /** Seed for the damage a layout does (which rows lose a cell). */
  seed?: number;
  /** Rows of table 三 that lose a cell in the lost-cells layout. Default: （一） and （二）. */
  lostRows?: readonly ApplicationRowKey[];
}

/** The report as a text file in the given layout. */
export function layoutReport(
  report: AnnualReport,
  layout: TextLayout,
  options: LayoutOptions = {},
): string {
  const random = seeded(options.seed ?? 1);
  const out: string[] = [];
  const [publishedYear, publishedMonth, publishedDay] = (report.publishedOn ?? '')
    .split('-')
    .map(Number);
  const title = report.title ?? `${report.agency}${report.year}年政府信息公开工作年度报告`;
  out.push('', title, '');
  if (report.preamble) out.push(report.preamble, '');
  const application = applicationRows(report);
  const lostKeys = new Set(
    layout === 'lost-cells' ? (options.lostRows ?? ['disclosed', 'partially_disclosed']) : [],
  );
  const lost = new Set<Row>();
  APPLICATION_ROWS.forEach((r, i) => {
    if (lostKeys.has(r.key)) lost.add(application[i + 3]!);
  });
  for (const section of report.sections) {
    out.push(`${section.number}、${section.title}`, '');
    if (section.text) out.push(...section.text.split('\n'), '');
    if (section.key === 'proactive')
      out.push(...renderTable(proactiveRows(report), layout, random, lost), '');
    if (section.key === 'applications')
      out.push(...renderTable(application, layout, random, lost), '');
    if (section.key === 'appeals')
      out.push(...renderTable(appealRows(report), layout, random, lost), '');
  }
  if (report.closing) out.push('', ...report.closing.split('\n'));
  else if (publishedYear)
    out.push('', report.agency, `${publishedYear}年${publishedMonth}月${publishedDay}日`);
  const text = out.join('\n') + '\n';
  return layout === 'fullwidth' ? FULL(text) : text;
}
