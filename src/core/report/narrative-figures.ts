/**
 * The figures of tables 三 and 四 that the prose is compared with (narrative-checks.ts), from the
 * grid the table checks read.
 */
import { APPEAL_GROUP_KEYS, APPLICANT_COLUMN_KEYS } from './format.js';
import type { Cell } from './model.js';
import {
  APPLICATION_WIDTH,
  applicationColumnIndex,
  applicationRowIndex,
  type ApplicationGrid,
} from './table-values.js';

const isNumber = (v: Cell | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Table figures a sentence may be compared with; null where the table cannot tell. */
export interface Figures {
  received: number | null;
  receivedNatural: number | null;
  receivedOrganisations: number | null;
  carriedOver: number | null;
  handled: number | null;
  carriedForward: number | null;
  reviews: number | null;
  lawsuitsDirect: number | null;
  lawsuitsAfterReview: number | null;
}

/** Where the rows of table 三 compared with the prose start in the grid's values. */
const RECEIVED = applicationRowIndex('received');
const CARRIED_OVER = applicationRowIndex('carried_over');
const HANDLED = applicationRowIndex('total');
const CARRIED_FORWARD = applicationRowIndex('carried_forward');
const TOTAL_COLUMN = applicationColumnIndex('total');
const NATURAL_PERSON = applicationColumnIndex('natural_person');
const APPLICANT_COLUMNS = APPLICANT_COLUMN_KEYS.map(applicationColumnIndex);
/** The applicant columns of 法人或其他组织 (every one but 自然人). */
const ORGANISATION_COLUMNS = APPLICANT_COLUMNS.filter((c) => c !== NATURAL_PERSON);

/** A row's 总计, else the sum of its applicant columns; null without the row or a number. */
function rowTotal(grid: ApplicationGrid, row: number): number | null {
  if (!grid.rows[row]) return null;
  const at = row * APPLICATION_WIDTH;
  const total = grid.values[at + TOTAL_COLUMN];
  if (isNumber(total)) return total;
  return sumOf(grid, at, APPLICANT_COLUMNS);
}

/** The sum of some columns of the row from `at`, or null unless each is a number. */
function sumOf(grid: ApplicationGrid, at: number, columns: readonly number[]): number | null {
  let sum = 0;
  for (const c of columns) {
    const v = grid.values[at + c];
    if (!isNumber(v)) return null;
    sum += v;
  }
  return sum;
}

const APPEAL_PARTS = ['upheld', 'corrected', 'other', 'pending'];

function appealTotal(row: Partial<Record<string, Cell>> | undefined): number | null {
  if (!row) return null;
  if (isNumber(row.total)) return row.total;
  let sum = 0;
  for (const c of APPEAL_PARTS) {
    const v = row[c];
    if (!isNumber(v)) return null;
    sum += v;
  }
  return sum;
}

/** The figures, from the grid the table checks read (tables 三 and 四's rows, table 三's cells). */
export function figuresOf(grid: ApplicationGrid): Figures {
  const received = RECEIVED * APPLICATION_WIDTH;
  const natural = grid.values[received + NATURAL_PERSON];
  const present = grid.rows[RECEIVED] !== undefined;
  return {
    received: rowTotal(grid, RECEIVED),
    receivedNatural: isNumber(natural) ? natural : null,
    receivedOrganisations: present ? sumOf(grid, received, ORGANISATION_COLUMNS) : null,
    carriedOver: rowTotal(grid, CARRIED_OVER),
    handled: rowTotal(grid, HANDLED),
    carriedForward: rowTotal(grid, CARRIED_FORWARD),
    reviews: appealTotal(grid.appeals[REVIEW]),
    lawsuitsDirect: appealTotal(grid.appeals[LITIGATION_DIRECT]),
    lawsuitsAfterReview: appealTotal(grid.appeals[LITIGATION_AFTER_REVIEW]),
  };
}

const REVIEW = APPEAL_GROUP_KEYS.indexOf('review');
const LITIGATION_DIRECT = APPEAL_GROUP_KEYS.indexOf('litigation_direct');
const LITIGATION_AFTER_REVIEW = APPEAL_GROUP_KEYS.indexOf('litigation_after_review');
