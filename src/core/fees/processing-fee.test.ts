import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { feeByItems, feeByPages, fenToYuan, formatYuan } from './processing-fee.js';

const yuan = (fen: number) => fenToYuan(fen);

describe('feeByItems (按件, 国办函〔2020〕109号)', () => {
  // Expected totals by hand: 11–30 at 100 元; 31–40 at 200; 41–50 at 300; 51–60 at 400; …
  it.each([
    [0, 0],
    [1, 0],
    [10, 0],
    [11, 100],
    [12, 200],
    [30, 2000],
    [31, 2200],
    [40, 4000],
    [41, 4300],
    [50, 7000],
    [51, 7400],
    [60, 11000],
    [61, 11500],
    [100, 37000], // 2000 + 10 × (200 + 300 + … + 800): seven bands 31–100
  ])('%i items cost %i 元', (items, expected) => {
    expect(yuan(feeByItems(items).totalFen)).toBe(expected);
  });

  it('breaks the total down by band', () => {
    expect(feeByItems(41)).toEqual({
      method: 'items',
      quantity: 41,
      totalFen: 430000,
      bands: [
        { from: 1, to: 10, count: 10, unitFen: 0, amountFen: 0 },
        { from: 11, to: 30, count: 20, unitFen: 10000, amountFen: 200000 },
        { from: 31, to: 40, count: 10, unitFen: 20000, amountFen: 200000 },
        { from: 41, to: 50, count: 1, unitFen: 30000, amountFen: 30000 },
      ],
    });
    expect(feeByItems(0).bands).toEqual([]);
    expect(feeByItems(7).bands).toEqual([{ from: 1, to: 10, count: 7, unitFen: 0, amountFen: 0 }]);
  });

  it('counts the items the applicant already had this calendar month', () => {
    const fee = feeByItems(5, { priorItemsThisMonth: 8 });
    expect(fee.quantity).toBe(5);
    expect(fee.totalFen).toBe(30000);
    expect(fee.bands).toEqual([
      { from: 1, to: 10, count: 2, unitFen: 0, amountFen: 0 },
      { from: 11, to: 30, count: 3, unitFen: 10000, amountFen: 30000 },
    ]);
  });

  it('splits a month into applications without changing the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (a, b) => {
        const whole = feeByItems(a + b).totalFen;
        expect(feeByItems(a).totalFen + feeByItems(b, { priorItemsThisMonth: a }).totalFen).toBe(
          whole,
        );
        const fee = feeByItems(b, { priorItemsThisMonth: a });
        expect(fee.bands.reduce((s, x) => s + x.count, 0)).toBe(b);
      }),
      { seed: 109, numRuns: 300 },
    );
  });
});

describe('feeByPages (按量, 国办函〔2020〕109号)', () => {
  it.each([
    [0, 0],
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ])('%i pages cost %i 元', (pages, expected) => {
    expect(yuan(feeByPages(pages).totalFen)).toBe(expected);
  });

  it('breaks the total down by band, the last band open-ended', () => {
    expect(feeByPages(201).bands).toEqual([
      { from: 1, to: 30, count: 30, unitFen: 0, amountFen: 0 },
      { from: 31, to: 100, count: 70, unitFen: 1000, amountFen: 70000 },
      { from: 101, to: 200, count: 100, unitFen: 2000, amountFen: 200000 },
      { from: 201, to: null, count: 1, unitFen: 4000, amountFen: 4000 },
    ]);
  });
});

describe('bad input', () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %s with a clear message',
    (n) => {
      expect(() => feeByItems(n)).toThrow(/件数“.*”无效：请填写不小于 0 的整数/);
      expect(() => feeByPages(n)).toThrow(/页数“.*”无效：请填写不小于 0 的整数/);
    },
  );

  it('rejects a bad prior count and an absurd quantity', () => {
    expect(() => feeByItems(1, { priorItemsThisMonth: -2 })).toThrow(/本月此前已申请件数/);
    try {
      feeByPages(100_001);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).details.field).toBe('pages');
      expect((e as AppError).message).toMatch(/过大/);
    }
  });
});

describe('formatYuan', () => {
  it('prints whole 元 without decimals and fen with two', () => {
    expect(formatYuan(220000)).toBe('2200');
    expect(formatYuan(1050)).toBe('10.50');
    expect(formatYuan(0)).toBe('0');
  });
});
