/**
 * A small valid report with figures in several cells, for tests that mutate one thing and look
 * for the one finding it causes. Built with the model builders, like every gongkai report.
 */
import {
  buildAppealsTable,
  buildApplicationTable,
  buildProactiveTable,
  zeroAppealFigures,
  zeroApplicationFigures,
  zeroProactiveFigures,
  type AnnualReport,
} from '../../src/core/report/model.js';

export function sampleReport(): AnnualReport {
  const applications = zeroApplicationFigures();
  applications.received.natural_person = 3;
  applications.received.commercial = 1;
  applications.carried_over.natural_person = 1;
  applications.disclosed.natural_person = 2;
  applications.disclosed.commercial = 1;
  applications['unable.not_held'].natural_person = 1;
  applications.carried_forward.natural_person = 1;
  const appeals = zeroAppealFigures();
  appeals.review.upheld = 1;
  const proactive = zeroProactiveFigures();
  proactive.normative_documents = { issued: 3, repealed: 1, in_force: 12 };
  proactive.licensing.decisions = 250;
  proactive.penalty.decisions = 4;
  proactive.administrative_fees.amount_wan_yuan = 1.25;

  return {
    agency: '示例县教育局',
    agencyLevel: 'department',
    year: 2023,
    publishedOn: '2024-01-20',
    title: '示例县教育局2023年政府信息公开工作年度报告',
    format: '2021',
    preamble:
      '本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）和国办公开办函〔2021〕30号要求编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。',
    sections: [
      {
        key: 'overview',
        number: '一',
        title: '总体情况',
        text: '2023年，示例县教育局扎实推进政府信息公开工作。\n（一）主动公开情况。2023年主动公开政府信息 86 条。\n（二）依申请公开情况。2023年共收到政府信息公开申请 4 件，上年结转 1 件，结转下年度继续办理 1 件。\n（五）监督保障情况。2023年发生政府信息公开行政复议 1 件，未发生行政诉讼。',
      },
      { key: 'proactive', number: '二', title: '主动公开政府信息情况', text: '' },
      { key: 'applications', number: '三', title: '收到和处理政府信息公开申请情况', text: '' },
      { key: 'appeals', number: '四', title: '政府信息公开行政复议、行政诉讼情况', text: '' },
      {
        key: 'problems',
        number: '五',
        title: '存在的主要问题及改进情况',
        text: '2023年，政策解读形式还不够丰富。下一步将加强培训。',
      },
      {
        key: 'other',
        number: '六',
        title: '其他需要报告的事项',
        text: '2023年度未收取信息处理费。2023年承办的人大代表建议均已按时办结。',
      },
    ],
    tables: {
      proactive: buildProactiveTable(proactive),
      applications: buildApplicationTable(applications),
      appeals: buildAppealsTable(appeals),
    },
    closing: '示例县教育局\n2024年1月20日',
  };
}
