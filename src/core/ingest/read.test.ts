import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../test/support/report-layouts.js';
import { matchApplicationRow, matchSectionTitle, normalizeLabel } from './labels.js';
import { readReportText } from './read.js';

const sample = () => layoutReport(sampleReport(), 'tabs');

describe('labels are matched by meaning', () => {
  it.each([
    ['（一）予以公开', 'disclosed'],
    ['(一) 予以公开', 'disclosed'],
    ['予以公开', 'disclosed'],
    ['2.其他法律行政法规禁止公开', 'withheld.prohibited_by_law'],
    ['2.其他法律法规禁止公开', 'withheld.prohibited_by_law'],
    ['3.危及“三安全一稳定”', 'withheld.security_stability'],
    ['（七）总计', 'total'],
    ['四、结转下年度继续办理', 'carried_forward'],
    ['一、本年新收政府信息公开申请数量', 'received'],
    ['3.其他', 'other.other'],
  ])('%s → %s', (label, key) => {
    expect(matchApplicationRow(normalizeLabel(label))).toBe(key);
  });

  it('does not take a fragment or a longer phrase for a row', () => {
    expect(matchApplicationRow(normalizeLabel('不计其他情形）'))).toBeNull();
    expect(matchApplicationRow(normalizeLabel('法人或其他组织'))).toBeNull();
  });

  it.each([
    ['存在问题及改进情况', 'problems'],
    ['存在的主要问题及改进情况', 'problems'],
    ['政府信息公开行政复议、行政诉讼情况', 'appeals'],
    ['其他需要报告的事项', 'other'],
  ])('heading %s → %s', (title, key) => {
    expect(matchSectionTitle(normalizeLabel(title))).toBe(key);
  });
});

describe('readReportText', () => {
  it('does not take the rows of table 三 for headings', () => {
    const { report } = readReportText(sample());
    expect(report!.sections.map((s) => s.key)).toEqual([
      'overview',
      'proactive',
      'applications',
      'appeals',
      'problems',
      'other',
    ]);
    expect(report!.tables.applications.carried_forward?.total).toBe(4);
  });

  it('reads a date written in Chinese numerals, or given as 发布日期 at the top', () => {
    const chinese = sample().replace('2024年1月26日', '二〇二四年一月二十六日');
    expect(readReportText(chinese).report!.publishedOn).toBe('2024-01-26');
    const meta = sample()
      .replace('2024年1月26日', '')
      .replace('示例市交通运输局2023年', '发布日期：2024-02-03\n示例市交通运输局2023年');
    expect(readReportText(meta).report!.publishedOn).toBe('2024-02-03');
  });

  it('knows a government by its name', () => {
    const text = sample().replaceAll('示例市交通运输局', '示例市人民政府');
    const { report } = readReportText(text);
    expect(report!.agency).toBe('示例市人民政府');
    expect(report!.agencyLevel).toBe('government');
  });

  it('reports rows out of order, and reads them by their labels', () => {
    const lines = sample().split('\n');
    const a = lines.findIndex((l) => l.startsWith('一、本年新收'));
    const b = lines.findIndex((l) => l.startsWith('二、上年结转'));
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    const { report, findings } = readReportText(lines.join('\n'));
    expect(findings.map((f) => [f.code, f.location.row])).toEqual([['row-order', 'received']]);
    expect(report!.tables.applications.received?.total).toBe(63);
  });

  it('keeps the raw values of a row it cannot place, as an error', () => {
    const text = sample().replace(
      /（一）予以公开\t20\t6\t1\t0\t1\t1\t29/,
      // Three of seven values left: more lost than a repair can place (at most two).
      '（一）予以公开\t20\t6\t1\t29',
    );
    const { report, findings } = readReportText(text);
    const finding = findings.find((f) => f.code === 'cell-count')!;
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('20 6 1 29');
    expect(report!.tables.applications.disclosed).toEqual({
      natural_person: null,
      commercial: null,
      research: null,
      nonprofit: null,
      legal_service: null,
      other: null,
      total: null,
    });
  });

  it('reports a row whose label it does not know, with its values', () => {
    const text = sample().replace('2.重复申请', '2.反复提出同一申请');
    const { findings } = readReportText(text);
    expect(findings.find((f) => f.code === 'unreadable-cell')?.message).toContain(
      '2.反复提出同一申请',
    );
  });

  it('recognises the 2019 format by its table 二', () => {
    const text = sample().replace(
      '本年制发件数\t本年废止件数\t现行有效件数',
      '本年新制作数量\t本年新公开数量\t对外公开总数量',
    );
    const { report, findings } = readReportText(text);
    expect(report!.format).toBe('2019');
    expect(report!.tables.proactive).toEqual({});
    // The figures are there, not read: said, not passed over in silence.
    const note = findings.find((f) => f.location.table === 'proactive')!;
    expect(note).toMatchObject({ code: 'unreadable-cell', severity: 'info' });
    expect(note.location.line).toBeGreaterThan(0);
  });

  it('gives no report, only a finding, for text that is no report', () => {
    const { report, findings } = readReportText('会议纪要\n一、参会人员\n张三、李四\n');
    expect(report).toBeNull();
    expect(findings.map((f) => f.code)).toEqual(['unreadable-file']);
  });
});
