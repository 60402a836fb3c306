import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { feeByPages } from '../../core/fees/processing-fee.js';
import { OUTCOME_ROW_KEYS } from '../../core/report/format.js';
import { closeSharedChromium } from '../chromium.js';
import { renderLetterDocx, renderLetterHtml, renderLetterPdf } from './documents.js';
import {
  correctionLetter,
  extensionLetter,
  feeLetter,
  lapseLetter,
  OUTCOME_STATEMENTS,
  replyLetter,
  type LetterAgency,
  type LetterCase,
} from './templates.js';

const agency: LetterAgency = {
  name: '示范市科学技术局',
  address: '示范市人民路 1 号',
  postcode: '990100',
  phone: '0999-1234567',
  email: 'kjj@example.gov.cn',
  officeHours: '工作日 8:30–17:30',
};
const application: LetterCase = {
  number: '2026-00012',
  applicantName: '李申请',
  receivedOn: '2026-03-02',
  description: '2025年科技项目资金分配结果',
  correctionRequestedOn: null,
  correctionReceivedOn: null,
  correctedDescription: null,
  formWanted: '电子',
  deliveryMethod: '电子邮件',
};

const docxText = async (bytes: Uint8Array) =>
  (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;

describe('letters', () => {
  afterAll(async () => closeSharedChromium());

  it('has a statement for every table 三 outcome', () => {
    for (const key of OUTCOME_ROW_KEYS) expect(OUTCOME_STATEMENTS[key].length).toBeGreaterThan(10);
  });

  it('a reply names the outcome, the legal basis, the review body, the court and both periods', async () => {
    const letter = replyLetter({
      agency,
      case: {
        ...application,
        correctionRequestedOn: '2026-03-03',
        correctionReceivedOn: '2026-03-05',
      },
      issuedOn: '2026-03-20',
      outcome: 'partially_disclosed',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十七条',
      details: '现提供项目名单。\n评审专家个人信息不予公开。',
      reviewBody: '示范市人民政府',
      court: '示范市人民法院',
    });
    const text = await docxText(await renderLetterDocx(letter));
    for (const expected of [
      '政府信息公开申请答复告知书',
      '申请编号：2026-00012',
      '李申请：',
      '2026年3月2日',
      '于2026年3月5日收到补正后的申请',
      '部分内容可以公开',
      '评审专家个人信息不予公开。',
      '依据：《中华人民共和国政府信息公开条例》第三十七条。',
      '六十日内向示范市人民政府申请行政复议',
      '六个月内向示范市人民法院提起行政诉讼',
      '第五十一条',
      '（机关印章）',
      '示范市科学技术局',
      '2026年3月20日',
      '联系电话：0999-1234567',
    ]) {
      expect(text).toContain(expected);
    }
    const html = renderLetterHtml(letter);
    expect(html).toContain('class="seal"');
    expect(html).not.toContain('<script');
  });

  it('a reply after a correction quotes the corrected application, not only the unclear one', () => {
    const letter = replyLetter({
      agency,
      case: {
        ...application,
        description: '科技的资料',
        correctionRequestedOn: '2026-03-03',
        correctionReceivedOn: '2026-03-05',
        correctedDescription: '示范市2025年重点研发计划项目资金分配结果',
      },
      issuedOn: '2026-03-20',
      outcome: 'disclosed',
      legalBasis: '条例第三十六条第（二）项',
      details: null,
      reviewBody: '示范市人民政府',
      court: '示范市示范区人民法院',
    });
    const opening = letter.paragraphs[0]!;
    expect(opening).toContain('“科技的资料”');
    expect(opening).toContain(
      '于2026年3月5日收到补正后的申请，补正后申请获取“示范市2025年重点研发计划项目资金分配结果”的政府信息',
    );
  });

  it('a case ended by a lapse gets a 告知书 with the outcome, its facts and the remedy notice', async () => {
    const noCorrection = lapseLetter({
      agency,
      case: { ...application, correctionRequestedOn: '2026-03-03' },
      issuedOn: '2026-03-18',
      outcome: 'other.no_correction',
      facts: { kind: 'correction', requestedOn: '2026-03-03', correctBy: '2026-03-17' },
      details: null,
      reviewBody: '示范市人民政府',
      court: '示范市示范区人民法院',
    });
    expect(noCorrection.kind).toBe('lapse');
    const text = await docxText(await renderLetterDocx(noCorrection));
    for (const expected of [
      '政府信息公开申请不再处理告知书',
      '申请编号：2026-00012',
      '2026年3月3日告知你（单位）补正',
      '最迟于2026年3月17日（含当日）',
      OUTCOME_STATEMENTS['other.no_correction'],
      '第三十条',
      '六十日内向示范市人民政府申请行政复议',
      '六个月内向示范市示范区人民法院提起行政诉讼',
      '（机关印章）',
    ]) {
      expect(text).toContain(expected);
    }

    const feeUnpaid = lapseLetter({
      agency,
      case: application,
      issuedOn: '2026-04-03',
      outcome: 'other.fee_unpaid',
      facts: { kind: 'fee', issuedOn: '2026-03-04', amountFen: 72_000, payBy: '2026-04-02' },
      details: '至期限届满未收到缴费。',
      reviewBody: '示范市人民政府',
      court: '示范市示范区人民法院',
    });
    const feeText = await docxText(await renderLetterDocx(feeUnpaid));
    for (const expected of [
      '2026年3月4日向你（单位）发出信息处理费缴费通知',
      '720元',
      '最迟于2026年4月2日（含当日）',
      OUTCOME_STATEMENTS['other.fee_unpaid'],
      '国办函〔2020〕109号',
      '至期限届满未收到缴费。',
      '六十日内向示范市人民政府申请行政复议',
    ]) {
      expect(feeText).toContain(expected);
    }
  });

  it('falls back to generic remedy wording when no body or court is set', () => {
    const letter = replyLetter({
      agency,
      case: application,
      issuedOn: '2026-03-20',
      outcome: 'unable.not_held',
      legalBasis: '条例第三十六条第（四）项',
      details: null,
      reviewBody: '',
      court: '',
    });
    expect(letter.remedy[0]).toContain('有管辖权的行政复议机关');
    expect(letter.remedy[0]).toContain('有管辖权的人民法院');
  });

  it('the correction, extension and fee letters carry their own facts', async () => {
    const correction = await docxText(
      await renderLetterDocx(
        correctionLetter({
          agency,
          case: application,
          issuedOn: '2026-03-03',
          correctBy: '2026-03-17',
          request: '请写明项目的名称或文号。',
        }),
      ),
    );
    expect(correction).toContain('政府信息公开申请补正告知书');
    expect(correction).toContain('第三十条');
    expect(correction).toContain('请你（单位）最迟于2026年3月17日（含当日）补正');
    expect(correction).toContain('视为放弃申请');

    const extension = await docxText(
      await renderLetterDocx(
        extensionLetter({
          agency,
          case: application,
          issuedOn: '2026-03-25',
          workingDays: 10,
          newDueOn: '2026-04-14',
          reason: '需要检索多年档案',
        }),
      ),
    );
    expect(extension).toContain('延长10个工作日');
    expect(extension).toContain('最迟于2026年4月14日（含当日）作出答复');
    expect(extension).toContain('第三十三条第二款');

    const fee = feeByPages(101);
    const feeText = await docxText(
      await renderLetterDocx(
        feeLetter({
          agency,
          case: application,
          issuedOn: '2026-03-04',
          method: 'pages',
          quantity: 101,
          priorItems: 0,
          totalFen: fee.totalFen,
          bands: fee.bands,
          payBy: '2026-04-02',
          waitExcluded: true,
        }),
      ),
    );
    expect(feeText).toContain('应缴纳信息处理费720元');
    expect(feeText).toContain('国办函〔2020〕109号');
    expect(feeText).toContain('第31–100页');
    expect(feeText).toContain('即最迟于2026年4月2日（含当日）缴纳');
  });

  it('prints a PDF with the text embedded (read back with pdftotext)', async () => {
    const letter = replyLetter({
      agency,
      case: application,
      issuedOn: '2026-03-20',
      outcome: 'disclosed',
      legalBasis: '条例第三十六条第（二）项',
      details: null,
      reviewBody: '示范市人民政府',
      court: '',
    });
    const pdf = await renderLetterPdf(letter);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-letter-')), 'letter.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('政府信息公开申请答复告知书');
    expect(text).toContain('本机关决定予以公开');
    expect(text).toContain('六十日内向示范市人民政府申请行政复议');
  });
});
