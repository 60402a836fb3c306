import type { FindingCode } from '../core/report/findings.js';

/** The Chinese title of each kind of finding: a code is shown only beside it. */
export const FINDING_TITLES: Record<FindingCode, string> = {
  balance: '勾稽关系不平',
  'row-total': '行合计不符',
  'column-total': '列合计不符',
  'negative-or-fraction': '负数或小数',
  'missing-section': '缺少部分',
  'missing-row': '缺少行',
  'missing-column': '缺少列',
  'outdated-format': '使用旧版格式',
  'outdated-regulation': '引用已修订的条例',
  'narrative-mismatch': '正文与表格不符',
  'late-publication': '逾期发布',
  'year-mismatch': '年度不符',
  'carry-over-mismatch': '与上年结转不符',
  'year-on-year': '与上年相比变化异常',
  'region-total-mismatch': '与本地区合计不符',
  'cell-count': '单元格数目不符',
  'unreadable-cell': '单元格无法读取',
  'row-order': '行的顺序不符',
  'unreadable-file': '文件无法读取',
  'unread-table': '未能读取的表格',
  'unread-section': '未能读取的部分',
};

/** A finding's kind as people read it: the title, then the stable code in small type. */
export function FindingTitle({ code }: { code: string }) {
  const title = FINDING_TITLES[code as FindingCode] ?? '审查发现';
  return (
    <>
      <span className="finding-title">{title}</span> <code className="finding-code">{code}</code>
    </>
  );
}
