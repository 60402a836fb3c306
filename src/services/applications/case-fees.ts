/** The processing fee (信息处理费) of an application: the quote by the method chosen. */
import {
  feeByItems,
  feeByPages,
  type FeeMethod,
  type ProcessingFee,
} from '../../core/fees/processing-fee.js';
import { invalidField } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import type { ApplicationRow } from '../../store/repositories/applications.js';

/** The fee of this application by the method chosen, counting the applicant's month (按件). */
export async function quoteFee(
  db: Db,
  row: ApplicationRow,
  method: FeeMethod,
  quantity: number,
): Promise<{ fee: ProcessingFee; priorItems: number }> {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw invalidField('quantity', '数量应为大于 0 的整数（件数或页数）。');
  }
  if (method === 'pages') return { fee: feeByPages(quantity), priorItems: 0 };
  const month = row.received_on.slice(0, 7);
  const priorItems = row.applicant_key
    ? await repo.itemsOfApplicant(
        db,
        row.agency_id,
        row.applicant_key,
        `${month}-01`,
        row.received_on,
        row.id,
      )
    : 0;
  return { fee: feeByItems(quantity, { priorItemsThisMonth: priorItems }), priorItems };
}
