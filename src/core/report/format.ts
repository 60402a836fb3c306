/**
 * The official layout of the 政府信息公开工作年度报告, 国办公开办函〔2021〕30号.
 *
 * Every row and column carries the stable key of GLOSSARY.md and its exact official label,
 * in the official order. Renderers, readers, validation and statistics all take the layout
 * from here, so there is one source of truth for what the format is.
 */

/** Sections 一 to 六 of the report, in order. Reports may add more (e.g. 七、相关说明). */
export const SECTION_DEFINITIONS = [
  { key: 'overview', number: '一', title: '总体情况' },
  { key: 'proactive', number: '二', title: '主动公开政府信息情况' },
  { key: 'applications', number: '三', title: '收到和处理政府信息公开申请情况' },
  { key: 'appeals', number: '四', title: '政府信息公开行政复议、行政诉讼情况' },
  { key: 'problems', number: '五', title: '存在的主要问题及改进情况' },
  { key: 'other', number: '六', title: '其他需要报告的事项' },
] as const;

export type SectionKey = (typeof SECTION_DEFINITIONS)[number]['key'];
export const SECTION_KEYS: readonly SectionKey[] = SECTION_DEFINITIONS.map((s) => s.key);

// ---------------------------------------------------------------------------------------------
// Table 二 — 主动公开政府信息情况 (第二十条)
// ---------------------------------------------------------------------------------------------

export const PROACTIVE_GROUPS = [
  {
    label: '第二十条第（一）项',
    columns: [
      { key: 'issued', label: '本年制发件数' },
      { key: 'repealed', label: '本年废止件数' },
      { key: 'in_force', label: '现行有效件数' },
    ],
    rows: [
      { key: 'regulations', label: '规章' },
      { key: 'normative_documents', label: '行政规范性文件' },
    ],
  },
  {
    label: '第二十条第（五）项',
    columns: [{ key: 'decisions', label: '本年处理决定数量' }],
    rows: [{ key: 'licensing', label: '行政许可' }],
  },
  {
    label: '第二十条第（六）项',
    columns: [{ key: 'decisions', label: '本年处理决定数量' }],
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'coercion', label: '行政强制' },
    ],
  },
  {
    label: '第二十条第（八）项',
    columns: [{ key: 'amount_wan_yuan', label: '本年收费金额（单位：万元）' }],
    rows: [{ key: 'administrative_fees', label: '行政事业性收费' }],
  },
] as const;

/** The label of the first column of every table 二 group. */
export const PROACTIVE_CONTENT_LABEL = '信息内容';

export type ProactiveRowKey = (typeof PROACTIVE_GROUPS)[number]['rows'][number]['key'];
export const PROACTIVE_ROW_KEYS: readonly ProactiveRowKey[] = PROACTIVE_GROUPS.flatMap((g) =>
  g.rows.map((r) => r.key),
);

// ---------------------------------------------------------------------------------------------
// Table 三 — 收到和处理政府信息公开申请情况
// ---------------------------------------------------------------------------------------------

/** 本列数据的勾稽关系 — printed in the top-left cell of table 三. */
export const APPLICATION_BALANCE_NOTE =
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const APPLICANT_HEADER = '申请人情况';
export const ORGANISATION_HEADER = '法人或其他组织';

/** The six applicant columns (the 总计 column is derived from them). */
export const APPLICANT_COLUMNS = [
  { key: 'natural_person', label: '自然人' },
  { key: 'commercial', label: '商业企业' },
  { key: 'research', label: '科研机构' },
  { key: 'nonprofit', label: '社会公益组织' },
  { key: 'legal_service', label: '法律服务机构' },
  { key: 'other', label: '其他' },
] as const;

export type ApplicantColumnKey = (typeof APPLICANT_COLUMNS)[number]['key'];
export type ApplicationColumnKey = ApplicantColumnKey | 'total';

export const APPLICATION_COLUMNS: readonly { key: ApplicationColumnKey; label: string }[] = [
  ...APPLICANT_COLUMNS,
  { key: 'total', label: '总计' },
];
export const APPLICANT_COLUMN_KEYS: readonly ApplicantColumnKey[] = APPLICANT_COLUMNS.map(
  (c) => c.key,
);
export const APPLICATION_COLUMN_KEYS: readonly ApplicationColumnKey[] = APPLICATION_COLUMNS.map(
  (c) => c.key,
);

/** The groups of rows under 三、本年度办理结果. */
export const OUTCOME_GROUPS = [
  { key: 'disclosed', number: '（一）', label: '予以公开' },
  {
    key: 'partially_disclosed',
    number: '（二）',
    label: '部分公开（区分处理的，只计这一情形，不计其他情形）',
  },
  { key: 'withheld', number: '（三）', label: '不予公开' },
  { key: 'unable', number: '（四）', label: '无法提供' },
  { key: 'not_processed', number: '（五）', label: '不予处理' },
  { key: 'other', number: '（六）', label: '其他处理' },
  { key: 'total', number: '（七）', label: '总计' },
] as const;
export type OutcomeGroupKey = (typeof OUTCOME_GROUPS)[number]['key'];

export interface ApplicationRowDefinition {
  key: ApplicationRowKey;
  /** The label exactly as the official format prints it in the row's own cell. */
  label: string;
  /** The outcome group (三、本年度办理结果 （一）…（七）), or null for rows 一, 二, 四. */
  group: OutcomeGroupKey | null;
  /** True for rows computed from others: （七）总计. */
  derived: boolean;
}

const outcomeRow = <K extends string>(group: OutcomeGroupKey, key: K, label: string) => ({
  key,
  label,
  group,
  derived: false as const,
});

/** The 25 rows of table 三, in official order. */
export const APPLICATION_ROWS = [
  { key: 'received', label: '一、本年新收政府信息公开申请数量', group: null, derived: false },
  { key: 'carried_over', label: '二、上年结转政府信息公开申请数量', group: null, derived: false },
  outcomeRow('disclosed', 'disclosed', '（一）予以公开'),
  outcomeRow(
    'partially_disclosed',
    'partially_disclosed',
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  ),
  outcomeRow('withheld', 'withheld.state_secret', '1.属于国家秘密'),
  outcomeRow('withheld', 'withheld.prohibited_by_law', '2.其他法律行政法规禁止公开'),
  outcomeRow('withheld', 'withheld.security_stability', '3.危及“三安全一稳定”'),
  outcomeRow('withheld', 'withheld.third_party_rights', '4.保护第三方合法权益'),
  outcomeRow('withheld', 'withheld.internal_affairs', '5.属于三类内部事务信息'),
  outcomeRow('withheld', 'withheld.process_information', '6.属于四类过程性信息'),
  outcomeRow('withheld', 'withheld.enforcement_files', '7.属于行政执法案卷'),
  outcomeRow('withheld', 'withheld.administrative_query', '8.属于行政查询事项'),
  outcomeRow('unable', 'unable.not_held', '1.本机关不掌握相关政府信息'),
  outcomeRow('unable', 'unable.needs_creation', '2.没有现成信息需要另行制作'),
  outcomeRow('unable', 'unable.still_unclear', '3.补正后申请内容仍不明确'),
  outcomeRow('not_processed', 'not_processed.complaint', '1.信访举报投诉类申请'),
  outcomeRow('not_processed', 'not_processed.duplicate', '2.重复申请'),
  outcomeRow('not_processed', 'not_processed.publication', '3.要求提供公开出版物'),
  outcomeRow('not_processed', 'not_processed.excessive', '4.无正当理由大量反复申请'),
  outcomeRow(
    'not_processed',
    'not_processed.confirmation',
    '5.要求行政机关确认或重新出具已获取信息',
  ),
  outcomeRow(
    'other',
    'other.no_correction',
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  ),
  outcomeRow(
    'other',
    'other.fee_unpaid',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  ),
  outcomeRow('other', 'other.other', '3.其他'),
  { key: 'total', label: '（七）总计', group: 'total', derived: true },
  { key: 'carried_forward', label: '四、结转下年度继续办理', group: null, derived: false },
] as const;

export type ApplicationRowKey = (typeof APPLICATION_ROWS)[number]['key'];
export const APPLICATION_ROW_KEYS: readonly ApplicationRowKey[] = APPLICATION_ROWS.map(
  (r) => r.key,
);
/** The label of 三、本年度办理结果, the group heading over （一）…（七）. */
export const OUTCOMES_HEADER = '三、本年度办理结果';

/** The 21 leaf rows of （一）–（六）, whose sum is （七）总计. */
export type OutcomeRowKey = Exclude<
  ApplicationRowKey,
  'received' | 'carried_over' | 'total' | 'carried_forward'
>;
export const OUTCOME_ROW_KEYS: readonly OutcomeRowKey[] = APPLICATION_ROW_KEYS.filter(
  (k): k is OutcomeRowKey =>
    k !== 'received' && k !== 'carried_over' && k !== 'total' && k !== 'carried_forward',
);

export function applicationRowDefinition(key: ApplicationRowKey): ApplicationRowDefinition {
  const row = APPLICATION_ROWS.find((r) => r.key === key);
  if (!row) throw new Error(`unknown table 三 row ${key}`);
  return row as ApplicationRowDefinition;
}

// ---------------------------------------------------------------------------------------------
// Table 四 — 政府信息公开行政复议、行政诉讼情况
// ---------------------------------------------------------------------------------------------

export const APPEAL_GROUPS = [
  { key: 'review', label: '行政复议', parent: null },
  { key: 'litigation_direct', label: '未经复议直接起诉', parent: '行政诉讼' },
  { key: 'litigation_after_review', label: '复议后起诉', parent: '行政诉讼' },
] as const;
export type AppealGroupKey = (typeof APPEAL_GROUPS)[number]['key'];
export const APPEAL_GROUP_KEYS: readonly AppealGroupKey[] = APPEAL_GROUPS.map((g) => g.key);
export const LITIGATION_HEADER = '行政诉讼';

export const APPEAL_COLUMNS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;
export type AppealColumnKey = (typeof APPEAL_COLUMNS)[number]['key'];
export type AppealOutcomeKey = Exclude<AppealColumnKey, 'total'>;
export const APPEAL_COLUMN_KEYS: readonly AppealColumnKey[] = APPEAL_COLUMNS.map((c) => c.key);
export const APPEAL_OUTCOME_KEYS: readonly AppealOutcomeKey[] = [
  'upheld',
  'corrected',
  'other',
  'pending',
];
