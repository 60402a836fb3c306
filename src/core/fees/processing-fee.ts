/**
 * The 信息处理费 of 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): charged only when the
 * volume or frequency of applications clearly exceeds a reasonable range (条例第四十二条), by item
 * (按件) or by volume (按量), progressive by excess; the agency picks one method per application.
 *
 * Money is integer fen (分) throughout; convert to 元 only for display.
 */
import { AppError } from '../errors.js';

export type FeeMethod = 'items' | 'pages';

/** One band of the progressive scale and what falls in it. */
export interface FeeBand {
  /** First item or page of the band (1-based). */
  from: number;
  /** Last item or page of the band; null for the open-ended last band of 按量. */
  to: number | null;
  /** How many items or pages of this charge fall in the band. */
  count: number;
  /** Rate per item or page, in fen. */
  unitFen: number;
  amountFen: number;
}

export interface ProcessingFee {
  method: FeeMethod;
  /** Items or pages charged for by this calculation. */
  quantity: number;
  totalFen: number;
  /** The bands touched, in order; empty when the quantity is 0. */
  bands: FeeBand[];
}

/** Above this the breakdown would be absurdly long; no real application comes near it. */
export const MAX_FEE_QUANTITY = 100_000;

const YUAN = 100;

type BandRule = Omit<FeeBand, 'count' | 'amountFen'>;

/**
 * 按件: per applicant per calendar month — 1–10 free; 11–30 at 100 元; from 31 on, bands of 10,
 * each 100 元/件 dearer than the one before (31–40 at 200 元, 41–50 at 300 元, …).
 */
function itemBand(n: number): BandRule {
  if (n <= 10) return { from: 1, to: 10, unitFen: 0 };
  if (n <= 30) return { from: 11, to: 30, unitFen: 100 * YUAN };
  const index = Math.floor((n - 31) / 10);
  const from = 31 + 10 * index;
  return { from, to: from + 9, unitFen: (200 + 100 * index) * YUAN };
}

/** 按量: per application — pages 1–30 free; 31–100 at 10 元; 101–200 at 20 元; from 201 at 40 元. */
function pageBand(n: number): BandRule {
  if (n <= 30) return { from: 1, to: 30, unitFen: 0 };
  if (n <= 100) return { from: 31, to: 100, unitFen: 10 * YUAN };
  if (n <= 200) return { from: 101, to: 200, unitFen: 20 * YUAN };
  return { from: 201, to: null, unitFen: 40 * YUAN };
}

function checkQuantity(value: number, field: string, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new AppError(
      'validation_failed',
      `${what}“${String(value)}”无效：请填写不小于 0 的整数。`,
      { field },
    );
  }
  if (value > MAX_FEE_QUANTITY) {
    throw new AppError(
      'validation_failed',
      `${what} ${value} 过大：最多按 ${MAX_FEE_QUANTITY} 计算，请核对。`,
      { field },
    );
  }
}

function charge(method: FeeMethod, first: number, last: number, bandOf: (n: number) => BandRule) {
  const bands: FeeBand[] = [];
  let n = first;
  while (n <= last) {
    const band = bandOf(n);
    const end = band.to === null ? last : Math.min(band.to, last);
    const count = end - n + 1;
    bands.push({ ...band, count, amountFen: count * band.unitFen });
    n = end + 1;
  }
  return {
    method,
    quantity: last - first + 1,
    totalFen: bands.reduce((sum, b) => sum + b.amountFen, 0),
    bands,
  };
}

/**
 * The fee by item for `items` items of one applicant, counted with the items that applicant
 * already had this calendar month (`priorItemsThisMonth`), so that the 11th item of the month
 * is charged even when it arrives in a new application. An application with several matters
 * may be split into the smallest reasonable units (一事一申请) before counting.
 *
 * @example feeByItems(31).totalFen // 220000 (2 200 元: 20 × 100 元 + 1 × 200 元)
 */
export function feeByItems(
  items: number,
  options: { priorItemsThisMonth?: number } = {},
): ProcessingFee {
  const prior = options.priorItemsThisMonth ?? 0;
  checkQuantity(items, 'items', '件数');
  checkQuantity(prior, 'priorItemsThisMonth', '本月此前已申请件数');
  return charge('items', prior + 1, prior + items, itemBand);
}

/**
 * The fee by volume for one application of `pages` pages (paper copies, e-mailed or copied
 * electronic data).
 *
 * @example feeByPages(101).totalFen // 72000 (720 元: 70 × 10 元 + 1 × 20 元)
 */
export function feeByPages(pages: number): ProcessingFee {
  checkQuantity(pages, 'pages', '页数');
  return charge('pages', 1, pages, pageBand);
}

/** Fen as a number of 元 (may have two decimals). */
export function fenToYuan(fen: number): number {
  return fen / YUAN;
}

/** 220000 → "2200", 1050 → "10.50": 元 as printed, without grouping. */
export function formatYuan(fen: number): string {
  return fen % YUAN === 0 ? String(fen / YUAN) : (fen / YUAN).toFixed(2);
}
