/**
 * The one validation of an annual report: a report computed by gongkai, one entered by hand and
 * one read from a published document are all judged here, by the rules of 条例第四十九、五十条 and
 * the format 国办公开办函〔2021〕30号. Pure: the date of today, if needed, is passed in.
 */
import { SECTION_DEFINITIONS } from './format.js';
import type { Finding, FindingCode } from './findings.js';
import { checkPublication } from './deadline.js';
import { checkAcrossReports, type CrossReportContext } from './cross-checks.js';
import type { AnnualReport } from './model.js';
import { checkTables } from './table-checks.js';
import { applicationGrid } from './table-values.js';
import { checkNarrative } from './narrative-checks.js';
import { checkProactiveNarrative } from './proactive-narrative.js';
import { checkRegulation, reportSentences } from './text-checks.js';
import { checkYears } from './year-checks.js';

export interface ValidateOptions {
  /**
   * Today (YYYY-MM-DD, Asia/Shanghai). With it, a report not yet published (publishedOn null)
   * past its deadline gets a late-publication warning.
   */
  today?: string;
  /** Codes not to check, e.g. ones a document reader has already reported with line numbers. */
  skip?: readonly FindingCode[];
  /** Other reports to check this one against: the year before, a government's departments. */
  across?: CrossReportContext;
}

/** Which table each of sections 二–四 holds. */
const SECTION_TABLE = {
  proactive: 'proactive',
  applications: 'applications',
  appeals: 'appeals',
} as const;

const NOT_SPACE = /\S/;

/** Each definition's place in SECTION_DEFINITIONS, by its key. */
const SECTION_INDEX = new Map<string, number>(SECTION_DEFINITIONS.map((d, i) => [d.key, i]));

/** Whether an object has an own enumerable key (`Object.keys(o).length > 0`, without the array). */
function hasOwnKey(o: object): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return true;
  return false;
}

function checkSections(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  // One pass over the sections: how many each definition has, and whether one has text (not only
  // white space, which is what `trim() !== ''` asks, without copying the text).
  const counts = new Array<number>(SECTION_DEFINITIONS.length).fill(0);
  const texts = new Array<boolean>(SECTION_DEFINITIONS.length).fill(false);
  for (const s of report.sections) {
    const d = SECTION_INDEX.get(s.key as string);
    if (d === undefined) continue;
    counts[d]!++;
    if (!texts[d] && NOT_SPACE.test(s.text)) texts[d] = true;
  }
  for (let d = 0; d < SECTION_DEFINITIONS.length; d++) {
    const definition = SECTION_DEFINITIONS[d]!;
    const count = counts[d]!;
    const hasText = texts[d]!;
    if (hasText) continue;
    // A table in the model shows its section was in the document, even if its heading was lost;
    // for 二–四 the table is the content, so a section with neither text nor table is empty.
    const table = SECTION_TABLE[definition.key as keyof typeof SECTION_TABLE] as
      keyof AnnualReport['tables'] | undefined;
    // A report in the 2019 format has its table 二, in columns the model does not hold.
    const hasTable =
      (table !== undefined && hasOwnKey(report.tables[table])) ||
      (table === 'proactive' && report.format === '2019');
    if (hasTable) continue;
    const what = `第${definition.number}部分“${definition.title}”`;
    findings.push({
      code: 'missing-section',
      severity: 'error',
      location: { section: definition.number },
      message:
        count === 0
          ? `缺少${what}：条例第五十条规定年度报告应当包括该项内容，格式见国办公开办函〔2021〕30号。`
          : `${what}内容为空：条例第五十条规定年度报告应当包括该项内容，请填写${table ? '该部分的统计表格或说明' : '该部分的文字'}（格式见国办公开办函〔2021〕30号）。`,
    });
  }
  return findings;
}

function checkFormat(report: AnnualReport): Finding[] {
  // The 2021 format applies from the reports on 2021 (published early 2022).
  if (report.format !== '2019' || report.year < 2021) return [];
  return [
    {
      code: 'outdated-format',
      severity: 'error',
      location: {},
      message: `报告采用已废止的2019年格式（国办公开办函〔2019〕60号）：${report.year}年度报告应使用国办公开办函〔2021〕30号规定的格式（如表二第二十条第（一）项应为本年制发件数、本年废止件数、现行有效件数，表三（六）其他处理应分三项）。`,
    },
  ];
}

/**
 * Judges a report and returns every finding, in reading order (structure, tables, text, dates).
 * Never throws: a cell that is absent is reported as missing, one that is null (unreadable) is
 * left out of the sums and the rule it blocks is reported as not checkable (severity info).
 *
 * @example
 *   const findings = validateReport(report, { today: '2024-02-01' });
 *   if (hasErrors(findings)) …
 */
export function validateReport(report: AnnualReport, options: ValidateOptions = {}): Finding[] {
  const skip = options.skip;
  // The 2019 layout has other rows and columns; its tables are not held against the 2021 one.
  const structure = report.format !== '2019';
  const sentences = reportSentences(report);
  // The tables read once, for their checks and for the prose's.
  const grid = applicationGrid(report.tables);
  // Each check's findings appended in turn (no spread of nine arrays into a tenth).
  const findings = checkSections(report);
  for (const part of [
    checkFormat(report),
    checkTables(report, structure, grid),
    checkRegulation(sentences),
    checkProactiveNarrative(report, sentences),
    checkNarrative(report, sentences, grid),
    checkYears(report, sentences),
    checkPublication(report, options.today),
    checkAcrossReports(report, options.across),
  ])
    for (const f of part) findings.push(f);
  if (skip === undefined || skip.length === 0) return findings;
  const skipped = new Set(skip);
  return findings.filter((f) => !skipped.has(f.code));
}
