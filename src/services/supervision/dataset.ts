/**
 * A region's dataset for a year: one row per agency with its report's state and findings and
 * every cell of the three tables by its glossary key — for the supervisor (XLSX, CSV; every
 * export in the audit trail) and, without anything not public, as open data on the portal
 * (JSON following the report schema, CSV, and the data dictionary).
 */
import { cellValue, REPORT_CELLS } from '../../core/report/cells.js';
import type { AnnualReport } from '../../core/report/model.js';
import { REPORT_STATE_LABELS } from '../../core/supervision/report-state.js';
import { renderCsvSheet, renderXlsx, type Sheet, type SheetCell } from '../../render/sheet.js';
import * as repo from '../../store/repositories/supervision.js';
import { recordChange } from '../audit.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { loadRegionYear, type AgencyYear } from './region-data.js';
import { regionScope } from './scope.js';

/** The columns before the cells, with what each holds (the data dictionary's first part). */
export const DATASET_FIELDS: { key: string; name: string; description: string }[] = [
  {
    key: 'region_code',
    name: '行政区划代码',
    description: '机关所属人民政府的行政区划代码（GB/T 2260）',
  },
  { key: 'region', name: '行政区划', description: '行政区划名称' },
  { key: 'agency', name: '机关', description: '机关名称' },
  {
    key: 'level',
    name: '层级',
    description: '部门（1月31日前公布）或人民政府（3月31日前公布），条例第四十九条',
  },
  { key: 'year', name: '年度', description: '报告所涵盖的年度' },
  {
    key: 'state',
    name: '报告状态',
    description: '按时发布、逾期发布、已导入（由政务公开办据已发布文本导入）、逾期未发布、未发布',
  },
  { key: 'deadline', name: '公布期限', description: '条例第四十九条规定的最后公布日期' },
  { key: 'published_on', name: '发布日期', description: '报告首次发布的日期（YYYY-MM-DD）' },
  {
    key: 'days_late',
    name: '逾期天数',
    description: '发布日期晚于公布期限的天数；逾期未发布时为截至导出日的天数',
  },
  { key: 'errors', name: '错误数', description: '审查发现中“错误”级的条数' },
  { key: 'warnings', name: '警告数', description: '审查发现中“警告”级的条数' },
  { key: 'findings', name: '审查发现', description: '审查发现的规则代码与说明，以分号分隔' },
];

export interface DatasetRow {
  fields: Record<string, SheetCell>;
  cells: Record<string, number | null>;
}

function datasetRow(r: AgencyYear, regionNames: Map<string, string>, open: boolean): DatasetRow {
  const unpublished = r.standing.state === 'draft' || r.standing.state === 'not_started';
  const stateLabel = open && unpublished ? '未发布' : REPORT_STATE_LABELS[r.standing.state];
  const problems = r.findings.filter((f) => f.severity !== 'info');
  return {
    fields: {
      region_code: r.agency.regionCode,
      region: regionNames.get(r.agency.regionCode) ?? '',
      agency: r.agency.name,
      level: r.agency.level === 'government' ? '人民政府' : '部门',
      year: r.year,
      state: stateLabel,
      deadline: r.standing.deadline,
      published_on: r.publishedOn,
      days_late: r.standing.daysLate,
      errors: r.tables ? r.findings.filter((f) => f.severity === 'error').length : null,
      warnings: r.tables ? r.findings.filter((f) => f.severity === 'warning').length : null,
      findings: problems.map((f) => `${f.code}：${f.message}`).join('；'),
    },
    cells: Object.fromEntries(
      REPORT_CELLS.map((c) => {
        const v = r.tables ? cellValue(r.tables, c) : undefined;
        return [c.key, typeof v === 'number' ? v : null];
      }),
    ),
  };
}

export interface RegionDataset {
  region: { code: string; name: string };
  year: number;
  generatedOn: string;
  rows: DatasetRow[];
}

export async function regionDataset(
  ctx: ServiceContext,
  regionCode: string,
  year: number,
  options: { open?: boolean } = {},
): Promise<RegionDataset> {
  const db = ctx.store.db;
  const scope = await regionScope(db, regionCode);
  const today = shanghaiDate(ctx.clock.now());
  const data = await loadRegionYear(db, scope, year, today);
  const names = new Map(scope.regions.map((r) => [r.code, r.name]));
  return {
    region: { code: scope.region.code, name: scope.region.name },
    year,
    generatedOn: today,
    rows: data.rows.map((r) => datasetRow(r, names, options.open ?? false)),
  };
}

function datasetSheet(dataset: RegionDataset): Sheet {
  return {
    name: `${dataset.year}年度`,
    columns: [
      ...DATASET_FIELDS.map((f) => ({ header: f.name, width: f.key === 'findings' ? 60 : 14 })),
      ...REPORT_CELLS.map((c) => ({ header: c.key, width: 10 })),
    ],
    rows: dataset.rows.map((r) => [
      ...DATASET_FIELDS.map((f) => r.fields[f.key] ?? null),
      ...REPORT_CELLS.map((c) => r.cells[c.key] ?? null),
    ]),
  };
}

/** The data dictionary: every column of the dataset with its meaning. */
export function dictionarySheet(): Sheet {
  return {
    name: '数据字典',
    columns: [
      { header: '列名', width: 44 },
      { header: '表格', width: 8 },
      { header: '行', width: 50 },
      { header: '列', width: 20 },
      { header: '说明', width: 60 },
    ],
    rows: [
      ...DATASET_FIELDS.map((f) => [f.name, '', '', '', f.description]),
      ...REPORT_CELLS.map((c) => [
        c.key,
        c.tableName,
        c.rowName,
        c.columnName,
        `${c.amount ? '金额（万元）' : '件数'}${c.derived ? '；合计项' : ''}；报告中缺少该单元格或无法识别时为空`,
      ]),
    ],
  };
}

export async function datasetFile(
  dataset: RegionDataset,
  format: 'xlsx' | 'csv',
  created: Date,
): Promise<{ bytes: Uint8Array; filename: string }> {
  const filename = `${dataset.region.name}${dataset.year}年度政府信息公开工作年度报告数据.${format}`;
  const sheet = datasetSheet(dataset);
  const bytes =
    format === 'xlsx'
      ? await renderXlsx([sheet, dictionarySheet()], created)
      : renderCsvSheet(sheet);
  return { bytes, filename };
}

/** A supervisor's export of the region's dataset, recorded in the audit trail. */
export async function exportDataset(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  year: number,
  format: 'xlsx' | 'csv',
): Promise<{ bytes: Uint8Array; filename: string }> {
  const dataset = await regionDataset(ctx, regionCode, year);
  const file = await datasetFile(dataset, format, ctx.clock.now());
  await recordExport(ctx, actor, regionCode, {
    what: 'dataset',
    year,
    format,
    filename: file.filename,
    rows: dataset.rows.length,
  });
  return file;
}

/** Every export a supervisor makes goes into the audit trail (留痕). */
export async function recordExport(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  after: Record<string, unknown>,
): Promise<void> {
  await ctx.store.transaction((t) =>
    recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'supervision.export',
      entityType: 'region',
      entityId: regionCode,
      after,
    }),
  );
}

/** The published reports of a region's agencies for a year, in full (open data). */
export async function publishedReportsOf(
  ctx: ServiceContext,
  agencyIds: readonly string[],
  year: number,
): Promise<Map<string, AnnualReport>> {
  const rows = await repo.latestContents(ctx.store.db, agencyIds, year);
  return new Map(rows.map((r) => [r.agency_id, JSON.parse(r.content_json) as AnnualReport]));
}
