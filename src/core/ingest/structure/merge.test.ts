import { describe, expect, it } from 'vitest';
import { APPLICATION_COLUMN_KEYS, APPLICATION_ROW_KEYS } from '../../report/format.js';
import type { AnnualReport } from '../../report/model.js';
import type { Structure } from './index.js';
import { adoptStructure } from './merge.js';

/** The structural reading of table 三 with these cells, in this order. */
function structure(cells: [string, string, number, number | null][]): Structure {
  return {
    sections: [],
    tables: {
      applications: {
        cells: new Map(
          cells.map(([row, column, value, line]) => [
            `applications.${row}.${column}`,
            { value, line },
          ]),
        ),
        complete: false,
        findings: [],
        anchored: true,
      },
    },
  };
}

function adopt(s: Structure) {
  const tables: AnnualReport['tables'] = { proactive: {}, applications: {}, appeals: {} };
  const sourceLines: Record<string, number> = {};
  adoptStructure(tables, sourceLines, s);
  return {
    table: tables.applications as Record<string, Record<string, number | null>>,
    sourceLines,
  };
}

describe('adoptStructure: the rows of table 三', () => {
  it('keeps each row’s cells in the order read, whole rows, partial ones and rows read twice', () => {
    const whole = APPLICATION_COLUMN_KEYS.map((c, i): [string, string, number, number | null] => [
      'received',
      c,
      i,
      10,
    ]);
    const { table, sourceLines } = adopt(
      structure([
        ...whole,
        // Out of order, and a cell the report left without a figure.
        ['carried_over', 'commercial', 1, 11],
        ['carried_over', 'natural_person', NaN, 11],
        // The first cells in order, then one out of it.
        ['disclosed', 'natural_person', 3, 12],
        ['disclosed', 'commercial', 4, null],
        ['disclosed', 'total', 5, 12],
        // Fewer cells than the row has, in order.
        ['withheld.state_secret', 'natural_person', 6, 13],
        // A row met again after another.
        ['disclosed', 'research', 8, 14],
        ['unknown', 'natural_person', 7, 15],
      ]),
    );
    expect(Object.keys(table)).toEqual([
      'received',
      'carried_over',
      'disclosed',
      'withheld.state_secret',
      'unknown',
    ]);
    expect(Object.keys(table.received!)).toEqual([...APPLICATION_COLUMN_KEYS]);
    expect(table.received!.total).toBe(6);
    expect(table.received!.research).toBe(2);
    expect(table.carried_over).toEqual({ commercial: 1, natural_person: null });
    expect(Object.keys(table.carried_over!)).toEqual(['commercial', 'natural_person']);
    expect(Object.keys(table.disclosed!)).toEqual([
      'natural_person',
      'commercial',
      'total',
      'research',
    ]);
    expect(table.disclosed).toEqual({ natural_person: 3, commercial: 4, total: 5, research: 8 });
    expect(table['withheld.state_secret']).toEqual({ natural_person: 6 });
    expect(sourceLines['applications.disclosed.research']).toBe(14);
    expect(sourceLines).not.toHaveProperty('applications.disclosed.commercial');
    expect(Object.keys(sourceLines)[0]).toBe('applications.received.natural_person');
  });

  it('makes a table of every row whole in the template’s order, or in the order read', () => {
    const rows = (keys: readonly string[]) =>
      keys.flatMap((row, r) =>
        APPLICATION_COLUMN_KEYS.map((c, i): [string, string, number, number | null] => [
          row,
          c,
          r * 10 + i,
          r + 1,
        ]),
      );
    const inOrder = adopt(structure(rows(APPLICATION_ROW_KEYS)));
    expect(Object.keys(inOrder.table)).toEqual([...APPLICATION_ROW_KEYS]);
    expect(Object.keys(inOrder.table.total!)).toEqual([...APPLICATION_COLUMN_KEYS]);
    expect(inOrder.table.carried_forward!.total).toBe(246);
    expect(inOrder.sourceLines['applications.carried_forward.total']).toBe(25);
    expect(Object.keys(inOrder.sourceLines)).toHaveLength(175);
    // Two rows swapped, one missing: the rows in the order read.
    const keys = [...APPLICATION_ROW_KEYS];
    [keys[1], keys[2]] = [keys[2]!, keys[1]!];
    keys.pop();
    const swapped = adopt(structure(rows(keys)));
    expect(Object.keys(swapped.table)).toEqual(keys);
    expect(swapped.table.carried_over!.natural_person).toBe(20);
    // Every row but the last, in order: the rows read so far, in order.
    const short = adopt(structure(rows(APPLICATION_ROW_KEYS.slice(0, 24))));
    expect(Object.keys(short.table)).toEqual(APPLICATION_ROW_KEYS.slice(0, 24));
  });
});
