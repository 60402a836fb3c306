/**
 * Recognising the labels of the report's tables and headings by meaning, not by exact string:
 * "（一）予以公开", "(一) 予以公开", "予以公开" and "三、本年度办理结果 (一) 予以公开" are one row;
 * "其他法律行政法规禁止公开" and "其他法律法规禁止公开" are one row.
 */
import type {
  ApplicationRowKey,
  OutcomeGroupKey,
  ProactiveRowKey,
  SectionKey,
} from '../report/format.js';

/** A leading list number: 一、 （一） (1) 1. 1、 第一部分 ①. */
const NUMBERING =
  /^(?:第[一二三四五六七八九十]+(?:部分[、.,:\s]*|[、.,:]\s*)|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）][、.,:\s]*|[一二三四五六七八九十]{1,3}\s*[、.,:．]\s*|\d{1,2}\s*[.、．)）]\s*(?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])/;

/**
 * The value of a function of a normalised label, remembered: the same labels come back in every
 * report. Bounded; the key is copied, so that a cache entry keeps no file's text alive (a label
 * cut from a line may be a view into the whole text).
 */
function remember<T>(cache: Map<string, T>, norm: string, compute: (norm: string) => T): T {
  if (norm.length > CACHED_TEXT_MAX) return compute(norm);
  const cached = cache.get(norm);
  if (cached !== undefined) return cached;
  const value = compute(norm);
  if (cache.size >= 20_000) cache.clear();
  cache.set(detach(norm), value);
  return value;
}

/**
 * The longest text the reader's caches keep (labels, headings and a table's lines are far
 * shorter): a long paragraph or a page on one line is worked out each time instead, so that
 * 20,000 entries of a cache stay a few MB whatever the documents read.
 */
export const CACHED_TEXT_MAX = 256;

/**
 * A copy of a string that is not a view into a larger one. A string shorter than 13 code units
 * is always its own characters (V8 makes no view or rope of one so short); a longer one is
 * joined to a space and cut from it again: the join is flattened into a new string of its own
 * characters, of which the result is a view (no copy by iterator, 10-15x cheaper than
 * `[...s].join('')`).
 */
export const detach = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

const PUNCTUATION = /[\s()（）[\]【】{}<>《》〈〉“”‘’"'`、，,。.:：;；!！?？·•…—–\-_~～/／\\|*#]+/g;

/**
 * A label reduced to what it means: list numbers, brackets, spaces and punctuation removed.
 *
 * @example normalizeLabel('（二）部分公开（区分处理的，只计这一情形）') // '部分公开区分处理的只计这一情形'
 */
export function normalizeLabel(text: string): string {
  // The same labels come back in every report: remember them (bounded).
  if (text.length > CACHED_TEXT_MAX) return normalize(text);
  const cached = NORMALIZED.get(text);
  if (cached !== undefined) return cached;
  const norm = normalize(text);
  if (NORMALIZED.size >= 20_000) NORMALIZED.clear();
  NORMALIZED.set(detach(text), detach(norm));
  return norm;
}

const NORMALIZED = new Map<string, string>();

function normalize(text: string): string {
  let s = text.trim();
  for (let i = 0; i < 3; i++) {
    const m = NUMBERING.exec(s);
    if (!m || m[0].length === 0) break;
    s = s.slice(m[0].length);
  }
  return s.replace(PUNCTUATION, '');
}

// ---------------------------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------------------------

/** Table 三 rows, each with the pattern its normalised label matches. Order matters: first wins. */
const APPLICATION_ROW_PATTERNS: readonly [ApplicationRowKey, RegExp][] = [
  ['received', /^(?:本年(?:度)?)?新收|^本年收到/],
  ['carried_over', /^上(?:一)?年(?:度)?结转/],
  ['disclosed', /^予以公开|^全部公开$/],
  ['partially_disclosed', /^部分公开/],
  ['withheld.state_secret', /国家秘密/],
  ['withheld.prohibited_by_law', /禁止公开/],
  ['withheld.security_stability', /三安全一稳定|^危及/],
  ['withheld.third_party_rights', /第三方合法权益|^保护第三方/],
  ['withheld.internal_affairs', /内部事务/],
  ['withheld.process_information', /过程性信息/],
  ['withheld.enforcement_files', /执法案卷/],
  ['withheld.administrative_query', /行政查询/],
  ['unable.not_held', /不掌握/],
  ['unable.needs_creation', /另行制作|^没有现成信息/],
  ['unable.still_unclear', /仍不明确|^补正后申请/],
  ['not_processed.complaint', /^信访|举报投诉/],
  ['not_processed.duplicate', /^重复申请/],
  ['not_processed.publication', /出版物/],
  ['not_processed.excessive', /大量反复/],
  ['not_processed.confirmation', /^要求行政机关确认|重新出具/],
  ['other.no_correction', /逾期不补正/],
  ['other.fee_unpaid', /收费通知|缴纳费用/],
  ['other.other', /^其他$/],
  ['total', /^(?:总计|合计)$/],
  ['carried_forward', /^结转下(?:一)?年(?:度)?|下年度继续办理/],
];

const OUTCOME_GROUP_PATTERNS: readonly [OutcomeGroupKey, RegExp][] = [
  ['withheld', /^不予公开$/],
  ['unable', /^无法提供$/],
  ['not_processed', /^不予处理$/],
  ['other', /^其他处理$/],
];

/** The table 三 row a normalised label names, or null. */
export function matchApplicationRow(norm: string): ApplicationRowKey | null {
  if (norm.length === 0 || norm.length > 60) return null;
  const cached = APPLICATION_ROW_OF.get(norm);
  if (cached !== undefined) return cached;
  let found = matchApplicationRowPattern(norm);
  if (found === null) {
    // A row's label run into the label before it without a space: "三、本年度办理结果（一）予以公开",
    // "不予公开1.属于国家秘密" (a PDF's text, a narrow cell).
    const rest = RUN_IN_PREFIX.exec(norm);
    if (rest && rest[0].length < norm.length)
      found = matchApplicationRowPattern(norm.slice(rest[0].length));
  }
  if (APPLICATION_ROW_OF.size >= 20_000) APPLICATION_ROW_OF.clear();
  APPLICATION_ROW_OF.set(detach(norm), found);
  return found;
}

const APPLICATION_ROW_OF = new Map<string, ApplicationRowKey | null>();

/** 三、本年度办理结果 or an outcome group's label, with the number of the row run in after it. */
const RUN_IN_PREFIX =
  /^(?:本年(?:度)?办理结果[一二]?|(?:不予公开|无法提供|不予处理|其他处理)\d{0,2})/;

function matchApplicationRowPattern(norm: string): ApplicationRowKey | null {
  for (const [key, pattern] of APPLICATION_ROW_PATTERNS) if (pattern.test(norm)) return key;
  return null;
}

/** The outcome group (（三）不予公开 …) a normalised label names, or null. */
export function matchOutcomeGroup(norm: string): OutcomeGroupKey | null {
  return remember(MATCH_OUTCOME_GROUP_CACHE, norm, matchOutcomeGroupUncached);
}

const MATCH_OUTCOME_GROUP_CACHE = new Map<string, OutcomeGroupKey | null>();

function matchOutcomeGroupUncached(norm: string): OutcomeGroupKey | null {
  for (const [key, pattern] of OUTCOME_GROUP_PATTERNS) if (pattern.test(norm)) return key;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Table 二
// ---------------------------------------------------------------------------------------------

const PROACTIVE_ROW_PATTERNS: readonly [ProactiveRowKey, RegExp][] = [
  ['regulations', /^规章$/],
  ['normative_documents', /^(?:行政)?规范性文件$/],
  ['licensing', /^行政许可$/],
  ['penalty', /^行政处罚$/],
  ['coercion', /^行政强制$/],
  ['administrative_fees', /^行政事业性收费$/],
];

export function matchProactiveRow(norm: string): ProactiveRowKey | null {
  return remember(MATCH_PROACTIVE_ROW_CACHE, norm, matchProactiveRowUncached);
}

const MATCH_PROACTIVE_ROW_CACHE = new Map<string, ProactiveRowKey | null>();

function matchProactiveRowUncached(norm: string): ProactiveRowKey | null {
  for (const [key, pattern] of PROACTIVE_ROW_PATTERNS) if (pattern.test(norm)) return key;
  return null;
}

/** Labels only the 2019 format (国办公开办函〔2019〕60号) has in table 二. */
export function isProactive2019Label(norm: string): boolean {
  return remember(IS_PROACTIVE2019_LABEL_CACHE, norm, isProactive2019LabelUncached);
}

const IS_PROACTIVE2019_LABEL_CACHE = new Map<string, boolean>();

function isProactive2019LabelUncached(norm: string): boolean {
  return /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增减|其他对外管理服务事项|第二十条第?九项|政府集中采购|采购项目数量|采购总金额/.test(
    norm,
  );
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

const SECTION_PATTERNS: readonly [SectionKey, RegExp][] = [
  ['overview', /^(?:总体|基本|概述|工作概况|总体工作)情况?|^概述$|^总体概况/],
  ['proactive', /^主动公开(?:政府)?信息(?:的)?情况|^主动公开情况$/],
  ['applications', /^收到和处理政府信息公开申请|^依申请公开(?:政府信息)?(?:的)?情况$/],
  ['appeals', /行政.{0,2}复议.*行政诉讼|^政府信息公开行政.{0,2}复议/],
  ['problems', /^存在(?:的)?(?:主要)?问题|^主要问题及改进|问题及改进情况$/],
  // 其他需要报告的事项 with its last character cut off by a line break (a PDF's wrapped heading).
  ['other', /^其他需要报告的?事项?|^其他事项$/],
];

/** The official section a heading title names, or null. */
export function matchSectionTitle(norm: string): SectionKey | null {
  return remember(MATCH_SECTION_TITLE_CACHE, norm, matchSectionTitleUncached);
}

const MATCH_SECTION_TITLE_CACHE = new Map<string, SectionKey | null>();

function matchSectionTitleUncached(norm: string): SectionKey | null {
  for (const [key, pattern] of SECTION_PATTERNS) if (pattern.test(norm)) return key;
  return null;
}
