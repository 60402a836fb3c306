import { describe, expect, it } from 'vitest';
import { csvCell } from './register.js';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['=A1,"x"', '"\'=A1,""x"""'],
  ])('escapes %j so a spreadsheet shows it as text', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each(['李申请', '2026-03-02', 'a=b', '', '部分公开，依据'])(
    'leaves %j alone but quoted when needed',
    (value) => {
      expect(csvCell(value)).toBe(/[",\r\n]/.test(value) ? `"${value}"` : value);
    },
  );
});
