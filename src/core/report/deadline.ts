/** When an annual report is due (条例第四十九条) and whether it was published in time. */
import type { Finding } from './findings.js';
import type { AgencyLevel, AnnualReport } from './model.js';

/**
 * The level of a body from its name when the report does not say: a name ending in 人民政府 or
 * 政府 is a government's own report; anything else is a department's.
 *
 * @example inferAgencyLevel('中卫市人民政府') // 'government'
 */
export function inferAgencyLevel(agency: string): AgencyLevel {
  return /政府\s*$/.test(agency) ? 'government' : 'department';
}

/**
 * The last day (YYYY-MM-DD) to publish the report on `year`: departments by 31 January of the
 * next year, governments by 31 March (条例第四十九条).
 */
export function publicationDeadline(year: number, level: AgencyLevel): string {
  return level === 'department' ? `${year + 1}-01-31` : `${year + 1}-03-31`;
}

const LEVEL_RULE: Record<AgencyLevel, string> = {
  department: '县级以上人民政府部门应当在每年1月31日前公布本部门上一年度的年度报告',
  government:
    '县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前公布本级政府上一年度的年度报告',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The agency as findings name it: one not read is named as such, never as “”. */
const agencyNamed = (report: AnnualReport): string =>
  report.agency ? `“${report.agency}”` : '发布报告的机关（名称未能识别）';

/** How the level was told, when the report does not say it. */
function levelNote(report: AnnualReport, inferred: boolean, level: AgencyLevel): string {
  if (!inferred) return '';
  return report.agency
    ? `（报告未注明机关层级，按机关名称${agencyNamed(report)}推断为${level === 'government' ? '人民政府' : '部门'}）`
    : `（机关名称未能识别，按${level === 'government' ? '人民政府' : '部门'}的期限判断）`;
}

/** late-publication: published (or, with `today`, still unpublished) after the deadline. */
export function checkPublication(report: AnnualReport, today?: string): Finding[] {
  const inferred = report.agencyLevel === null;
  const level = report.agencyLevel ?? inferAgencyLevel(report.agency);
  const deadline = publicationDeadline(report.year, level);
  // The agency's name and how its level was told are made only for a finding.
  if (report.publishedOn !== null && DATE.test(report.publishedOn)) {
    if (report.publishedOn <= deadline) return [];
    const named = agencyNamed(report);
    const asGovernment = publicationDeadline(report.year, 'government');
    if (inferred && report.publishedOn <= asGovernment) {
      // Late only if the body reports as a department: the report does not settle which.
      return [
        {
          code: 'late-publication',
          severity: 'info',
          location: {},
          message: `发布日期 ${report.publishedOn} 晚于部门的期限 ${deadline}，但早于人民政府的期限 ${asGovernment}：是否逾期取决于${named}是以本级政府还是以部门的身份报告（条例第四十九条）；请确认机关层级。`,
        },
      ];
    }
    return [
      {
        code: 'late-publication',
        severity: inferred ? 'warning' : 'error',
        location: {},
        message: `发布日期 ${report.publishedOn} 晚于期限 ${deadline}：条例第四十九条规定，${LEVEL_RULE[level]}${levelNote(report, inferred, level)}。`,
      },
    ];
  }
  if (report.publishedOn === null && today !== undefined && DATE.test(today) && today > deadline) {
    const asGovernment = publicationDeadline(report.year, 'government');
    if (inferred && today <= asGovernment) {
      // As with a published report: overdue only if the body reports as a department.
      return [
        {
          code: 'late-publication',
          severity: 'info',
          location: {},
          message: `${report.year}年度报告尚未发布，已过部门的期限 ${deadline}，但未过人民政府的期限 ${asGovernment}：是否逾期取决于${agencyNamed(report)}是以本级政府还是以部门的身份报告（条例第四十九条）；请确认机关层级。`,
        },
      ];
    }
    return [
      {
        code: 'late-publication',
        severity: 'warning',
        location: {},
        message: `${report.year}年度报告尚未发布，已超过期限 ${deadline}：条例第四十九条规定，${LEVEL_RULE[level]}${levelNote(report, inferred, level)}。`,
      },
    ];
  }
  return [];
}
