/**
 * negative-or-fraction: every cell of the three tables is a count (a non-negative integer), or an
 * amount in 万元 (non-negative).
 */
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
} from './format.js';
import type { Finding, FindingLocation } from './findings.js';
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
  proactiveCellName,
} from './labels.js';
import type { ReportTables } from './model.js';
import {
  APPLICATION_WIDTH,
  applicationGrid,
  FORMAT_NOTICE,
  type ApplicationGrid,
  type Value,
} from './table-values.js';

/** Whether a present cell breaks the rule: a count is a non-negative integer, an amount ≥ 0. */
function badCount(value: Value, allowFraction: boolean): boolean {
  if (value === undefined || value === null) return false;
  return !(
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    (allowFraction || Number.isInteger(value))
  );
}

function countFinding(
  value: Value,
  location: FindingLocation,
  name: string,
  allowFraction: boolean,
): Finding {
  return {
    code: 'negative-or-fraction',
    severity: 'error',
    location,
    message: allowFraction
      ? `${name}为 ${String(value)}：收费金额（万元）应为非负数。`
      : `${name}为 ${String(value)}：件数应为非负整数（${FORMAT_NOTICE}各表均按件计数）。`,
  };
}

export function checkCounts(
  tables: ReportTables,
  grid: ApplicationGrid = applicationGrid(tables),
): Finding[] {
  // Names and places are made only for the cells that break the rule (most cells do not).
  const findings: Finding[] = [];
  // The grid's rows of table 二 are in PROACTIVE_GROUPS order, group by group.
  let proactiveRow = 0;
  // A clean table (see ApplicationGrid) holds counts only.
  for (const group of grid.proactiveClean ? [] : PROACTIVE_GROUPS) {
    for (const row of group.rows) {
      const cells = grid.proactive[proactiveRow++];
      for (const column of group.columns) {
        const value = cells?.[column.key];
        const allowFraction = column.key === 'amount_wan_yuan';
        if (!badCount(value, allowFraction)) continue;
        findings.push(
          countFinding(
            value,
            { table: 'proactive', row: row.key, column: column.key },
            `表二${proactiveCellName(row.key, column.key)}`,
            allowFraction,
          ),
        );
      }
    }
  }
  const values = grid.values;
  for (let r = 0, i = 0; r < (grid.applicationsClean ? 0 : APPLICATION_ROW_KEYS.length); r++) {
    const row = APPLICATION_ROW_KEYS[r]!;
    for (let c = 0; c < APPLICATION_WIDTH; c++, i++) {
      const value = values[i];
      if (!badCount(value, false)) continue;
      const column = APPLICATION_COLUMN_KEYS[c]!;
      findings.push(
        countFinding(
          value,
          { table: 'applications', row, column },
          `表三“${applicationRowName(row)}”行“${applicationColumnName(column)}”列`,
          false,
        ),
      );
    }
  }
  for (let g = 0; g < (grid.appealsClean ? 0 : APPEAL_GROUP_KEYS.length); g++) {
    const group = APPEAL_GROUP_KEYS[g]!;
    const cells = grid.appeals[g];
    for (const column of APPEAL_COLUMN_KEYS) {
      const value = cells?.[column];
      if (!badCount(value, false)) continue;
      findings.push(
        countFinding(
          value,
          { table: 'appeals', row: group, column },
          `表四${appealGroupName(group)}“${appealColumnName(column)}”`,
          false,
        ),
      );
    }
  }
  return findings;
}
