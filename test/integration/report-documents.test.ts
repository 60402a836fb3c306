/**
 * The documents of a real report (中卫市科学技术局 2023, corpus 002, rebuilt by hand in
 * test/fixtures/reports/) through the real tools: Chromium prints the PDF, pdftotext reads it
 * back, LibreOffice opens the DOCX, mammoth reads its tables.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  APPLICANT_HEADER,
  APPLICATION_BALANCE_NOTE,
  APPLICATION_ROWS,
  LITIGATION_HEADER,
  ORGANISATION_HEADER,
  OUTCOME_GROUPS,
  OUTCOMES_HEADER,
  PROACTIVE_GROUPS,
  PROACTIVE_CONTENT_LABEL,
} from '../../src/core/report/format.js';
import { parseReportJson } from '../../src/core/report/schema.js';
import {
  closeSharedChromium,
  DOCUMENT_FORMATS,
  renderDocx,
  renderHtml,
  renderPdf,
  renderReport,
} from '../../src/render/index.js';
import { runCli } from '../support/cli.js';
import { readHtmlTables, tableMatrix } from '../support/html-tables.js';

const FIXTURE = new URL('../fixtures/reports/zhongwei-kjj-2023.json', import.meta.url).pathname;
const report = parseReportJson(readFileSync(FIXTURE, 'utf8')).report!;
const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-documents-'));

afterAll(async () => {
  await closeSharedChromium();
  rmSync(dir, { recursive: true, force: true });
});

function pdfToText(pdf: Uint8Array | string): string {
  const path = typeof pdf === 'string' ? pdf : join(dir, `doc-${Math.random()}.pdf`);
  if (typeof pdf !== 'string') writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/**
 * A label of the tables as pdftotext must find it: whole, or (for the long row labels of table
 * 三, which wrap inside their narrow column by design) by its first eight characters.
 */
interface Label {
  text: string;
  whole: boolean;
}

/** The labels of the three tables in official order (headings, column labels, row labels). */
function officialLabels(): Label[] {
  const whole = (text: string): Label => ({ text, whole: true });
  // Row labels of table 三 that fit their cell's width on one line.
  const applicationRow = (r: (typeof APPLICATION_ROWS)[number]): Label => ({
    text: r.label,
    whole: r.group === null || r.key === 'disclosed' || r.key === 'total' || r.label.length <= 9,
  });
  return [
    ...PROACTIVE_GROUPS.flatMap((g) => [
      whole(g.label),
      whole(PROACTIVE_CONTENT_LABEL),
      ...g.columns.map((c) => whole(c.label)),
      ...g.rows.map((r) => whole(r.label)),
    ]),
    // Table 三 as it reads on paper: the note and the applicant headings, then the rows, each
    // group heading (三、本年度办理结果, （三）…（六）) on the line of its first row.
    whole(APPLICATION_BALANCE_NOTE),
    whole(APPLICANT_HEADER),
    whole(APPLICANT_COLUMNS[0].label),
    whole(ORGANISATION_HEADER),
    whole('总计'),
    ...APPLICANT_COLUMNS.slice(1).map((c) => whole(c.label)),
    ...APPLICATION_ROWS.flatMap((r) => {
      const labels: Label[] = [];
      if (r.key === 'disclosed') labels.push(whole(OUTCOMES_HEADER));
      const group = OUTCOME_GROUPS.find((g) => g.key === r.group);
      const first = APPLICATION_ROWS.find((row) => row.group === r.group);
      if (group && first === r && r.key !== group.key) {
        labels.push(whole(`${group.number}${group.label}`));
      }
      labels.push(applicationRow(r));
      return labels;
    }),
    // Table 四 as it reads on paper: the group headings, then the outcome columns under them.
    whole(APPEAL_GROUPS[0].label),
    whole(LITIGATION_HEADER),
    whole(APPEAL_GROUPS[1].label),
    whole(APPEAL_GROUPS[2].label),
    ...APPEAL_COLUMNS.map((c) => whole(c.label)),
  ];
}

/** Finds each label after the previous one in the text with whitespace removed. */
function expectInOrder(text: string, from: string, labels: readonly (string | Label)[]): void {
  const flat = text.replace(/\s+/g, '');
  let position = flat.indexOf(from);
  expect(position, `未找到起点 ${from}`).toBeGreaterThanOrEqual(0);
  for (const item of labels) {
    const label = typeof item === 'string' ? { text: item, whole: true } : item;
    const flatLabel = label.text.replace(/\s+/g, '');
    const key = label.whole ? flatLabel : flatLabel.slice(0, 8);
    const found = flat.indexOf(key, position);
    expect(found, `表格标签“${label.text}”未完整地按官方顺序出现`).toBeGreaterThanOrEqual(position);
    position = found + key.length;
  }
}

describe('PDF (Chromium print of the HTML)', () => {
  it('has the table labels in the official order and every font embedded', async () => {
    const pdf = await renderPdf(report);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const path = join(dir, 'zhongwei.pdf');
    writeFileSync(path, pdf);

    const text = pdfToText(path);
    expect(text).toContain('中卫市科学技术局2023年政府信息公开工作年度报告');
    expectInOrder(text, '二、主动公开政府信息情况', officialLabels());
    expectInOrder(text, '一、总体情况', [
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
      '七、相关说明',
    ]);
    // Table 三 is not cut after row 二 (its 22 rows of 三、本年度办理结果 cannot follow on the
    // same page): the whole table is on one page.
    const pages = text.split('\f');
    const tablePage = pages.findIndex((p) => p.includes('一、本年新收政府信息公开申请数量'));
    expect(pages[tablePage]).toContain('四、结转下年度继续办理');
    expect(pages[tablePage]).toContain('三、收到和处理政府信息公开申请情况');
    // Row 一 prints its figures on its line: 1 (自然人) … 1 (总计).
    const received = text.split('\n').find((l) => l.includes('一、本年新收政府信息公开申请数量'))!;
    expect(received.replace(/\s+/g, ' ').trim()).toBe(
      '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1',
    );

    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      // name, type…, encoding, emb, sub, uni, object, generation: emb is the 5th field from the end.
      const fields = line.trim().split(/\s+/);
      expect(fields.at(-5), line).toBe('yes');
      expect(fields.at(-3), line).toBe('yes');
    }
  });

  it('is written by gongkai report render --format pdf', async () => {
    const out = join(dir, 'cli.pdf');
    const result = await runCli(['report', 'render', FIXTURE, '--format', 'pdf', '-o', out]);
    expect(result.code).toBe(0);
    expect(pdfToText(out)).toContain('四、结转下年度继续办理');
  });
});

describe('DOCX', () => {
  it('is read back by mammoth with the same figures in its tables', async () => {
    const docx = await renderDocx(report);
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(docx) });
    const [proactive, applications, appeals] = readHtmlTables(html).map(tableMatrix);
    expect(proactive!.find((r) => r[0] === '行政规范性文件')).toEqual([
      '行政规范性文件',
      '0',
      '0',
      '2',
    ]);
    const rowOf = (label: string) => applications!.find((r) => r.includes(label))!.slice(3);
    expect(rowOf('一、本年新收政府信息公开申请数量')).toEqual(['1', '0', '0', '0', '0', '0', '1']);
    expect(rowOf('（一）予以公开')).toEqual(['1', '0', '0', '0', '0', '0', '1']);
    expect(rowOf('（七）总计')).toEqual(['1', '0', '0', '0', '0', '0', '1']);
    expect(rowOf('四、结转下年度继续办理')).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    expect(applications!.slice(3).map((r) => r.slice(3).join(''))).toHaveLength(25);
    expect(appeals![3]).toEqual(Array.from({ length: 15 }, () => '0'));
  });

  it('opens in LibreOffice, which converts it to a PDF with the tables', async () => {
    const docxPath = join(dir, 'zhongwei.docx');
    writeFileSync(docxPath, await renderDocx(report));
    // A profile of its own, so a LibreOffice run elsewhere on the machine cannot interfere.
    execFileSync(
      'libreoffice',
      [
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        join(dir, 'lo'),
        docxPath,
      ],
      { timeout: 180_000, stdio: 'pipe' },
    );
    const pdf = join(dir, 'lo', 'zhongwei.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = pdfToText(pdf);
    expectInOrder(text, '二、主动公开政府信息情况', [
      '第二十条第（一）项',
      '行政规范性文件',
      '第二十条第（八）项',
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '1.属于国家秘密',
      '四、结转下年度继续办理',
      '未经复议直接起诉',
      '复议后起诉',
    ]);
  });
});

describe('HTML', () => {
  it('has the merged header cells of the official format', () => {
    const [proactive, applications, appeals] = readHtmlTables(renderHtml(report));
    expect(proactive!.flat().filter((c) => c.colSpan === 4)).toHaveLength(4);
    expect(applications![0]!.map((c) => [c.rowSpan, c.colSpan])).toEqual([
      [3, 3],
      [1, 7],
    ]);
    expect(applications!.flat().find((c) => c.text === '三、本年度办理结果')?.rowSpan).toBe(22);
    expect(appeals![0]!.map((c) => [c.text, c.colSpan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
  });
});

describe('every renderer', () => {
  it('produces its document for the fixture', async () => {
    const magic: Record<string, (out: string | Uint8Array) => boolean> = {
      html: (o) => typeof o === 'string' && o.startsWith('<!DOCTYPE html>'),
      docx: (o) => typeof o !== 'string' && o[0] === 0x50 && o[1] === 0x4b,
      pdf: (o) => typeof o !== 'string' && Buffer.from(o.subarray(0, 5)).toString() === '%PDF-',
      json: (o) => typeof o === 'string' && parseReportJson(o).problems.length === 0,
      csv: (o) => typeof o === 'string' && o.startsWith('\uFEFF机关,年度,表格'),
      txt: (o) => typeof o === 'string' && o.startsWith('中卫市科学技术局2023年'),
    };
    for (const format of DOCUMENT_FORMATS) {
      expect(magic[format]!(await renderReport(report, format)), format).toBe(true);
    }
  });
});
