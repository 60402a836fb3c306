/**
 * A sample report with figures in every table (the corpus reports are nearly all zeros, which
 * makes every repair trivially certain): a fictitious 示例市交通运输局, 2023, figures written by
 * hand so that every total and the balance hold.
 */
import {
  buildAppealsTable,
  buildApplicationTable,
  buildProactiveTable,
  zeroApplicationFigures,
  type AnnualReport,
} from '../../src/core/report/model.js';

export function sampleReport(): AnnualReport {
  const figures = zeroApplicationFigures();
  const set = (row: keyof typeof figures, values: number[]) => {
    const [natural_person, commercial, research, nonprofit, legal_service, other] = values;
    figures[row] = {
      natural_person: natural_person!,
      commercial: commercial!,
      research: research!,
      nonprofit: nonprofit!,
      legal_service: legal_service!,
      other: other!,
    };
  };
  set('received', [45, 12, 1, 0, 3, 2]);
  set('carried_over', [3, 1, 0, 0, 0, 0]);
  set('disclosed', [20, 6, 1, 0, 1, 1]);
  set('partially_disclosed', [5, 2, 0, 0, 0, 0]);
  set('withheld.prohibited_by_law', [1, 0, 0, 0, 0, 0]);
  set('withheld.third_party_rights', [2, 0, 0, 0, 1, 0]);
  set('withheld.process_information', [1, 0, 0, 0, 0, 0]);
  set('unable.not_held', [8, 2, 0, 0, 1, 1]);
  set('unable.needs_creation', [2, 0, 0, 0, 0, 0]);
  set('not_processed.complaint', [3, 1, 0, 0, 0, 0]);
  set('not_processed.duplicate', [1, 0, 0, 0, 0, 0]);
  set('other.no_correction', [1, 1, 0, 0, 0, 0]);
  set('other.other', [1, 0, 0, 0, 0, 0]);
  set('carried_forward', [3, 1, 0, 0, 0, 0]);

  const agency = '示例市交通运输局';
  return {
    agency,
    agencyLevel: 'department',
    year: 2023,
    publishedOn: '2024-01-26',
    title: `${agency}2023年政府信息公开工作年度报告`,
    format: '2021',
    preamble:
      '本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。',
    sections: [
      {
        key: 'overview',
        number: '一',
        title: '总体情况',
        text: '2023年，示例市交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。\n（一）主动公开情况。全年主动公开政府信息1862条。\n（二）依申请公开情况。全年共收到政府信息公开申请63件，均依法按期答复。另有4件申请结转下年度继续办理。\n（三）政府信息管理情况。严格落实“先审查、后公开”制度。\n（四）政府信息公开平台建设情况。依托政府门户网站和政务新媒体发布信息。\n（五）监督保障情况。全年因政府信息公开引起行政复议4件、行政诉讼3件。',
      },
      { key: 'proactive', number: '二', title: '主动公开政府信息情况', text: '' },
      { key: 'applications', number: '三', title: '收到和处理政府信息公开申请情况', text: '' },
      { key: 'appeals', number: '四', title: '政府信息公开行政复议、行政诉讼情况', text: '' },
      {
        key: 'problems',
        number: '五',
        title: '存在的主要问题及改进情况',
        text: '一是政策解读形式较为单一。二是基层公开标准化工作有待深化。\n下一步，将加强培训，提升政府信息公开工作质量。',
      },
      {
        key: 'other',
        number: '六',
        title: '其他需要报告的事项',
        text: '（一）收取信息处理费情况\n2023年度未收取信息处理费。\n（二）人大代表建议和政协委员提案办理情况\n全年承办人大代表建议21件、政协委员提案17件，均已按时办结。',
      },
    ],
    tables: {
      proactive: buildProactiveTable({
        regulations: { issued: 0, repealed: 0, in_force: 0 },
        normative_documents: { issued: 3, repealed: 1, in_force: 25 },
        licensing: { decisions: 1280 },
        penalty: { decisions: 356 },
        coercion: { decisions: 12 },
        administrative_fees: { amount_wan_yuan: 15.6 },
      }),
      applications: buildApplicationTable(figures),
      appeals: buildAppealsTable({
        review: { upheld: 2, corrected: 1, other: 0, pending: 1 },
        litigation_direct: { upheld: 1, corrected: 0, other: 0, pending: 1 },
        litigation_after_review: { upheld: 0, corrected: 0, other: 1, pending: 0 },
      }),
    },
    closing: `${agency}\n2024年1月26日`,
  };
}
