import { describe, expect, it } from 'vitest';
import { APPLICATION_COLUMN_KEYS } from '../../report/format.js';
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
});
