/**
 * What the checks across reports need for one agency's report of a year: the same agency's
 * published report of the year before, the region's year-on-year factor, and for a government
 * its departments' published reports of the year. Used wherever a report is judged — the
 * workspace's draft, publication, import — so all judge alike.
 */
import type { CrossReportContext } from '../../core/report/cross-checks.js';
import type { AnnualReport } from '../../core/report/model.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/supervision.js';
import { getAgency } from '../organisations.js';
import { regionAgencies, yearOnYearFactor } from './region-data.js';
import { regionScope } from './scope.js';

export async function crossContextFor(
  db: Db,
  agencyId: string,
  year: number,
): Promise<CrossReportContext> {
  const agency = await getAgency(db, agencyId);
  const scope = await regionScope(db, agency.regionCode);
  const previous = await repo.latestContent(db, agencyId, year - 1);
  const context: CrossReportContext = {
    yearOnYearFactor: await yearOnYearFactor(db, scope),
    previous: previous ? (JSON.parse(previous.content_json) as AnnualReport) : null,
  };
  if (agency.isGovernment) {
    const departments = (await regionAgencies(db, { ...scope, codes: [agency.regionCode] })).filter(
      (a) => a.governmentId === agency.governmentId && a.level === 'department',
    );
    const reports = await repo.latestContents(
      db,
      departments.map((d) => d.id),
      year,
    );
    context.departments = {
      count: departments.length,
      reports: reports.map((r) => JSON.parse(r.content_json) as AnnualReport),
    };
  }
  return context;
}
