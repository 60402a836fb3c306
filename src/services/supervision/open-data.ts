/**
 * Open data (开放数据) on the public portal: a region's dataset for a year as JSON (each
 * published report in its own JSON form, docs/report.schema.json), as CSV, and the data
 * dictionary. Only what is public: published reports, their dates, and whether a report is
 * missing after its deadline — never a draft.
 */
import {
  OPEN_DATA_SCHEMA_ID,
  type OpenDataState,
} from '../../core/supervision/open-data-schema.js';
import { toReportJson } from '../../core/report/schema.js';
import type { ReportState } from '../../core/supervision/report-state.js';
import * as orgRepo from '../../store/repositories/organisations.js';
import * as repo from '../../store/repositories/supervision.js';
import type { Db } from '../../store/database.js';
import { shanghaiDate, type ServiceContext } from '../context.js';
import { publishedReportsOf } from './dataset.js';
import { loadRegionYear } from './region-data.js';
import { regionScope } from './scope.js';

const OPEN_STATE: Record<ReportState, OpenDataState> = {
  published_on_time: 'published_on_time',
  published_late: 'published_late',
  imported: 'imported',
  missing: 'missing',
  draft: 'not_published',
  not_started: 'not_published',
};

export async function openDataJson(
  ctx: ServiceContext,
  regionCode: string,
  year: number,
): Promise<Record<string, unknown>> {
  const db = ctx.store.db;
  const scope = await regionScope(db, regionCode);
  const today = shanghaiDate(ctx.clock.now());
  const data = await loadRegionYear(db, scope, year, today);
  const reports = await publishedReportsOf(
    ctx,
    data.rows.filter((r) => r.publishedOn).map((r) => r.agency.id),
    year,
  );
  return {
    $schema: OPEN_DATA_SCHEMA_ID,
    region: { code: scope.region.code, name: scope.region.name },
    year,
    generatedOn: today,
    agencies: data.rows.map((r) => {
      const report = reports.get(r.agency.id);
      return {
        agency: r.agency.name,
        regionCode: r.agency.regionCode,
        level: r.agency.level,
        state: OPEN_STATE[r.standing.state],
        deadline: r.standing.deadline,
        publishedOn: r.publishedOn,
        report: report ? toReportJson(report) : null,
      };
    }),
  };
}

export interface OpenDataIndexEntry {
  code: string;
  name: string;
  parentCode: string | null;
  /** Years with at least one published report in the region or below. */
  years: number[];
}

/** Every region with the years it has published reports for. */
export async function openDataIndex(db: Db): Promise<OpenDataIndexEntry[]> {
  const regions = await orgRepo.listRegions(db);
  const rows = await repo.publishedYearsByRegion(db);
  const parent = new Map(regions.map((r) => [r.code, r.parent_code]));
  const years = new Map<string, Set<number>>();
  for (const row of rows) {
    for (let c: string | null | undefined = row.region_code; c; c = parent.get(c)) {
      const set = years.get(c) ?? new Set<number>();
      set.add(Number(row.year));
      years.set(c, set);
    }
  }
  return regions.map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
    years: [...(years.get(r.code) ?? [])].sort((a, b) => b - a),
  }));
}
