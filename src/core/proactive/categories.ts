/**
 * The fixed vocabularies of a proactive item (主动公开): the 条例第二十条 tree, kinds,
 * validity, channels and interpretation forms. Identifiers are English (GLOSSARY.md); every
 * label a person reads is Chinese.
 */

/** 条例第二十条 (一)–(十五): the 法定主动公开内容 tree. Seeded, never removable. */
export const ARTICLE_20_CATEGORIES = [
  { key: 'a20_01', number: '（一）', label: '行政法规、规章和行政规范性文件' },
  {
    key: 'a20_02',
    number: '（二）',
    label: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  },
  {
    key: 'a20_03',
    number: '（三）',
    label: '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  },
  { key: 'a20_04', number: '（四）', label: '国民经济和社会发展统计信息' },
  {
    key: 'a20_05',
    number: '（五）',
    label: '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  },
  {
    key: 'a20_06',
    number: '（六）',
    label: '实施行政处罚、行政强制的依据、条件、程序以及有一定社会影响的行政处罚决定',
  },
  { key: 'a20_07', number: '（七）', label: '财政预算、决算信息' },
  { key: 'a20_08', number: '（八）', label: '行政事业性收费项目及其依据、标准' },
  { key: 'a20_09', number: '（九）', label: '政府集中采购项目的目录、标准及实施情况' },
  { key: 'a20_10', number: '（十）', label: '重大建设项目的批准和实施情况' },
  {
    key: 'a20_11',
    number: '（十一）',
    label: '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  },
  { key: 'a20_12', number: '（十二）', label: '突发公共事件的应急预案、预警信息及应对情况' },
  {
    key: 'a20_13',
    number: '（十三）',
    label: '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  },
  {
    key: 'a20_14',
    number: '（十四）',
    label: '公务员招考的职位、名额、报考条件等事项以及录用结果',
  },
  {
    key: 'a20_15',
    number: '（十五）',
    label: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
  },
] as const;
export type Article20Category = (typeof ARTICLE_20_CATEGORIES)[number]['key'];
export const ARTICLE_20_KEYS = ARTICLE_20_CATEGORIES.map((c) => c.key) as Article20Category[];

export const article20Label = (key: string): string => {
  const c = ARTICLE_20_CATEGORIES.find((x) => x.key === key);
  return c ? `${c.number}${c.label}` : key;
};

/**
 * What an item is. `regulation` 规章 and `normative` 行政规范性文件 carry a validity;
 * `interpretation` 政策解读 links to the policy it explains; `system` is one of the agency's own
 * 政府信息公开制度 (shown in that section of the column).
 */
export const ITEM_KINDS = [
  'general',
  'policy',
  'regulation',
  'normative',
  'interpretation',
  'system',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  general: '一般信息',
  policy: '政策文件',
  regulation: '规章',
  normative: '行政规范性文件',
  interpretation: '政策解读',
  system: '政府信息公开制度',
};

export const hasValidity = (kind: ItemKind): boolean =>
  kind === 'regulation' || kind === 'normative';

/** 有效性 (国办发〔2017〕47号 requires the mark on the page). */
export const VALIDITIES = ['in_force', 'amended', 'repealed', 'expired'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Record<Validity, string> = {
  in_force: '有效',
  amended: '已修改',
  repealed: '已废止',
  expired: '已失效',
};

export const INTERPRETATION_FORMS = ['text', 'graphic', 'video', 'press'] as const;
export type InterpretationForm = (typeof INTERPRETATION_FORMS)[number];
export const INTERPRETATION_FORM_LABELS: Record<InterpretationForm, string> = {
  text: '文字解读',
  graphic: '图解',
  video: '音视频',
  press: '新闻发布',
};

/** 公开渠道. */
export const CHANNELS = [
  'website',
  'new_media',
  'newspaper',
  'notice_board',
  'screen',
  'press_conference',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  website: '政府网站',
  new_media: '政务新媒体',
  newspaper: '报刊',
  notice_board: '公开栏',
  screen: '电子屏',
  press_conference: '新闻发布会',
};

/** 主题分类 (after the State Council's catalogue, abridged) and 体裁分类. */
export const TOPICS = [
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '劳动、人事、监察',
  '城乡建设、环境保护',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '民政、扶贫、救灾',
  '公安、安全、司法',
  '其他',
] as const;
export const GENRES = [
  '通知',
  '公告',
  '意见',
  '办法',
  '规定',
  '决定',
  '报告',
  '批复',
  '函',
  '其他',
] as const;
