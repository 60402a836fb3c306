/**
 * The report's metadata from its first and last rows: the title, the agency (field names, page
 * markers, breadcrumbs and converter headings removed; the 落款's when the title lacks it),
 * the year, the publication date with where it came from, and whether the body reports as a
 * government or as a department.
 */
import type { AgencyLevel } from '../report/model.js';
import { DATE_TRUST, type PublicationDate } from './date-sources.js';
import { chineseSmallNumber, chineseYear, isoDate, isWhiteSpace } from './text.js';
import { packedMap } from './arrays.js';

/** What the metadata needs of a row. */
export interface TitleRow {
  readonly empty: boolean;
  readonly text: string;
  readonly shown: string;
}

const YEAR_IN_TITLE = /((?:19|20)\d{2}|[〇零一二三四五六七八九O]{4})\s*年/;
const TITLE_WORDS = /(?:政府信息公开|政务公开|信息公开)[^。]{0,12}(?:年度报告|年报|工作报告)/;

/** A title's year on a line of its own: "（2023年）", "(2023年度)", "2023年度". */
const SUBTITLE_YEAR = /^[（(]?\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九O]{4})\s*年度?\s*[）)]?$/;

export interface TitleInfo {
  title: string | null;
  agency: string;
  year: number | null;
  rows: number[];
  /** A title found inside a long row (a crawler's page on one line): the row and where it ends. */
  inline?: { row: number; end: number };
}

function yearOf(text: string): number | null {
  const m = YEAR_IN_TITLE.exec(text);
  if (!m) return null;
  const y = /^\d+$/.test(m[1]!) ? Number(m[1]) : chineseYear(m[1]!);
  return y !== null && y >= 1990 && y <= 2100 ? y : null;
}

/**
 * What stands before an agency's name and is not part of it: a field name of a crawler's or a
 * site's page ("标题：", "文章标题:"), a page marker ("-1-", "第1页"), a converter's heading
 * ("正文", "==== 正文 ===="), a Markdown heading mark.
 */
const FIELD_OR_MARK =
  /^(?:(?:[#=*\s-]*正文[#=*\s-]*)|(?:文章)?(?:标题|题目|名称|主题)[:：]|[-—－]\d{1,3}[-—－]|第\d{1,3}页|#+)+/;

/** A line that is a converter's heading or a page marker alone, never the agency. */
export const NOT_AGENCY_LINE =
  /^(?:[#=*\s-]*正文[#=*\s-]*|[-—－]\s*\d{1,3}\s*[-—－]|第\s*\d{1,3}\s*页)$/;

/**
 * Whether the body reports as a government (人民政府 or 政府, 行政公署, and the 管委会 of a 新区 or
 * a 综合实验区, which speak for their area: due 31 March) or as a department (due 31 January);
 * null when the name does not settle it (the 管委会 of a development zone, a place's name alone).
 */
export function agencyLevelOf(agency: string): AgencyLevel | null {
  if (!agency) return null;
  if (/(?:政府|行政公署|(?:新区|综合实验区)(?:管理委员会|管委会)?)$/.test(agency))
    return 'government';
  if (/(?:管理委员会|管委会)$/.test(agency)) return null;
  // A place's name alone ("济南市", "济南市市中区"): a government's report is often titled so,
  // and so may be the report of its general office; the name does not settle which.
  if (PLACE_ONLY.test(agency)) return null;
  return 'department';
}

/** A name of a place and nothing else: ends in a division's name, names no office. */
const PLACE_ONLY =
  /^(?!.*(?:局|厅|委|办|院|所|中心|部|站|队|处|室|会|社|馆|署|司|行|公司|集团))[\u4e00-\u9fa5]{2,24}(?:省|市|县|区|旗|州|盟)$/;

export function cleanAgency(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(FIELD_OR_MARK, '')
    .replace(/^(?:关于|[《<])/, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .replace(/[:：,，、]$/, '');
}

/** Where a web page's navigation or metadata line begins: 首页, 当前位置：, 发布日期：, 来源：…. */
const NAVIGATION_START =
  /^(?:今天是|今日是|首页|网站首页|网站地图|无障碍|当前位置|您的位置|您现在的位置|所在位置|位置\s*[:：]|(?:发布|印发|成文|公开|更新)?(?:日期|时间)\s*[:：]|来源\s*[:：]|信息来源|浏览(?:次数)?\s*[:：]|字号\s*[:：]|索引号\s*[:：])/;

/**
 * A line of a web page around the report rather than of the report: a breadcrumb ("首页 > 政务公开
 * > 年度报告"), a menu, the page's metadata (发布日期：…, 来源：…). It names the site's sections,
 * not the report, and its year is the page's, not the report's.
 */
export function isNavigation(text: string): boolean {
  if (text.length > 200) return false;
  if (NAVIGATION_START.test(text)) return true;
  // A site's header with today's date ("2026年12月6日 星期日"): only where a weekday is named.
  if ((text.includes('星期') || text.includes('周')) && TODAY.test(text)) return true;
  // Two or more breadcrumb separators (> › » →): counted only in a line holding one.
  if (!text.includes('>') && !text.includes('›') && !text.includes('»') && !text.includes('→'))
    return false;
  let separators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x3e || c === 0x203a || c === 0xbb || c === 0x2192) && ++separators >= 2)
      return true;
  }
  return false;
}

const TODAY = /\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]/;

export function findTitle(rows: readonly TitleRow[], end: number): TitleInfo {
  const limit = Math.min(end, 60);
  const lines: number[] = [];
  // After a navigation line (the next line of the title is never across one).
  const afterNavigation = new Set<number>();
  let navigation = false;
  for (let i = 0; i < limit; i++) {
    if (rows[i]!.empty) continue;
    if (isNavigation(rows[i]!.text)) navigation = true;
    else {
      if (navigation) afterNavigation.add(i);
      navigation = false;
      lines.push(i);
    }
  }
  for (let k = 0; k < lines.length; k++) {
    // A title may wrap over two or three lines (a PDF's centred heading): each span one line
    // more than the last, whose lines passed already.
    let text = '';
    for (let span = 1; span <= 3 && k + span <= lines.length; span++) {
      const line = lines[k + span - 1]!;
      if (span > 1 && afterNavigation.has(line)) break;
      const lineText = rows[line]!.text;
      if (lineText.length > 90 || /[。；;]/.test(lineText)) break;
      text += lineText;
      if (!TITLE_WORDS.test(text)) continue;
      const used = lines.slice(k, k + span);
      if (/^(?:根据|按照|依据|本报告|本年度报告|现将|现公布)/.test(text)) break;
      const printed = packedMap(used, (i) => rows[i]!.shown).join('');
      // The printed form where it lines up with the matched one (full-width brackets kept).
      const shown = printed.length === text.length ? printed : text;
      let m = YEAR_IN_TITLE.exec(text);
      const words = TITLE_WORDS.exec(text)!;
      // The agency stands before the year ("XX局2023年政府信息公开…"), or before the title's
      // words when the year comes after them or not at all ("XX局政府信息公开工作年度报告（2023年）").
      const agencyEnd = m && m.index < words.index ? m.index : words.index;
      let agency = cleanAgency(shown.slice(0, agencyEnd));
      if (agency === '' && m && m.index < words.index) {
        // The year first: "2023年度中卫市科学技术局政府信息公开工作年度报告".
        agency = cleanAgency(shown.slice(m.index + m[0].length, words.index).replace(/^度/, ''));
      }
      let title = shown;
      if (!m && k + span < lines.length) {
        // The year on a line of its own under the title: "（2023年）", "2023年度".
        const next = rows[lines[k + span]!]!;
        if (SUBTITLE_YEAR.test(next.text)) {
          m = YEAR_IN_TITLE.exec(next.text);
          title = `${title}${next.shown}`;
          used.push(lines[k + span]!);
        }
      }
      if (agency === '' && k > 0 && !afterNavigation.has(lines[k]!)) {
        // The agency on the line above: "中卫市科学技术局" / "2023 年政府信息公开工作年度报告".
        const above = rows[lines[k - 1]!]!.shown;
        if (above.length <= 40 && !/[。，,；;:：]/.test(above) && !NOT_AGENCY_LINE.test(above)) {
          agency = cleanAgency(above);
          title = `${above}${shown}`;
          used.unshift(lines[k - 1]!);
        }
      }
      return {
        title: title.replace(/\s+/g, ''),
        agency,
        year: m ? yearOf(m[0]) : null,
        rows: used,
      };
    }
  }
  return titleInRows(rows, end) ?? { title: null, agency: '', year: null, rows: [] };
}

const YEAR = String.raw`((?:19|20)\d{2}|[〇零一二三四五六七八九O]{4})\s*年\s*度?`;
/** The title's words inside running text (no punctuation between them). */
const INLINE_WORDS =
  /(?:政府信息公开|政务公开|信息公开)[^。，,；;：:、《》〈〉<>]{0,12}?(?:年度报告|年报|工作报告)/g;
const YEAR_BEFORE = new RegExp(`${YEAR}\\s*$`);
const YEAR_FIRST = new RegExp(`${YEAR}\\s*([^\\s。，,；;：:、《》〈〉<>]{2,40})$`);
const YEAR_AFTER = new RegExp(`^\\s*[（(]\\s*${YEAR}\\s*[）)]`);
/** The last run of text before a title's year or words: cut at a space or punctuation. */
const lastRun = (text: string) => /[^\s。，,；;：:、>》|]*$/.exec(text.trimEnd())![0];

/**
 * The official title inside a long row — a crawler's page on one line, the title run together
 * with the site's fields and the report's first paragraph: "<agency><year>年(度)政府信息公开工作
 * 年度报告", the year first, or the year after in brackets. Only a title with both an agency and
 * a year is taken (the words alone also name the format: "…年度报告格式").
 */
function titleInRows(rows: readonly TitleRow[], end: number): TitleInfo | null {
  for (let i = 0; i < Math.min(end + 1, rows.length, 60); i++) {
    const text = rows[i]!.text;
    if (rows[i]!.empty) continue;
    for (const words of text.matchAll(INLINE_WORDS)) {
      const from = Math.max(0, words.index - 80);
      const before = text.slice(from, words.index);
      let stop = words.index + words[0].length;
      let year: RegExpExecArray | null = YEAR_BEFORE.exec(before);
      let agency = '';
      let title = '';
      if (year) {
        agency = cleanAgency(lastRun(before.slice(0, year.index)));
        title = agency + text.slice(from + year.index, stop);
      } else if ((year = YEAR_FIRST.exec(before))) {
        agency = cleanAgency(year[2]!);
        title = text.slice(from + year.index, stop);
      } else if ((year = YEAR_AFTER.exec(text.slice(stop)))) {
        agency = cleanAgency(lastRun(before));
        stop += year[0].length;
        title = agency + text.slice(words.index, stop);
      }
      if (!year || agency === '' || agency.length > 40) continue;
      if (/^(?:根据|按照|依据|本报告|本年度报告|现将|现公布)/.test(agency)) continue;
      return {
        title: title.replace(/\s+/g, ''),
        agency,
        year: yearOf(year[0]),
        rows: [],
        inline: { row: i, end: stop },
      };
    }
  }
  return null;
}

const DATE_LINE =
  /^(?:(?:发布|印发|成文|公开)?(?:日期|时间)\s*[:：]?\s*)?((?:19|20)\d{2}|[〇零一二三四五六七八九O]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?$/;
const ISO_DATE_LINE =
  /^(?:(?:发布|印发|成文|公开)?(?:日期|时间)\s*[:：]?\s*)?((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/;
export const META_DATE =
  /(?:(?:发布|印发|成文|公开)(?:日期|时间)|(?:^|\s)时间)\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;

export function dateOf(text: string): string | null {
  const m = DATE_LINE.exec(text) ?? ISO_DATE_LINE.exec(text);
  if (!m) return null;
  const year = /^\d+$/.test(m[1]!) ? Number(m[1]) : chineseYear(m[1]!);
  const month = chineseSmallNumber(m[2]!);
  const day = chineseSmallNumber(m[3]!);
  if (year === null || month === null || day === null) return null;
  return isoDate(year, month, day);
}

// The sources of a publication date and their names (apart, so the CLI names them cheaply).
export {
  DATE_SOURCE_NAMES,
  DATE_TRUST,
  type DateSource,
  type PublicationDate,
} from './date-sources.js';

/** A row with the source line it came from. */
export interface DatedRow extends TitleRow {
  readonly line: number;
}

const DATE = String.raw`(?:(?:19|20)\d{2}|[〇零一二三四五六七八九O]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日`;
const INLINE_HEAD_DATE = new RegExp(
  String.raw`^\s*(?:[^\s。，,；;：:（(]{2,40}\s*)?[（(〔]?\s*(${DATE})\s*[）)〕]?(?=\s|$)`,
);
/** A date at the end of a long row, after the signature (a 落款 run together with the text). */
export const CLOSING_TAIL_DATE = new RegExp(String.raw`\s(${DATE})(?:\s+\d{1,3})?\s*$`);

const BRACKETED = /^[（(〔[]\s*(.*?)\s*[）)〕\]]$/;

/**
 * The date a report gives itself at its head: a line holding only a date, in brackets or not
 * ("（2026年1月23日）"), after the title and before the first section. A web page's
 * "发布时间：" line is not the report's own text: see breadcrumbDate.
 */
export function headDate(
  rows: readonly DatedRow[],
  titleRows: readonly number[],
  firstHeading: number,
  inline?: TitleInfo['inline'],
): PublicationDate | null {
  if (inline) {
    // A title inside a long row: the date right after it, the agency repeated before it or not
    // ("…年度报告 沐阳县人民政府 (2026年1月23日) 依据…").
    const m = INLINE_HEAD_DATE.exec(rows[inline.row]!.text.slice(inline.end));
    const date = m ? dateOf(m[1]!) : null;
    return date ? { date, source: 'text', line: rows[inline.row]!.line } : null;
  }
  if (titleRows.length === 0) return null;
  const from = Math.max(...titleRows) + 1;
  for (let i = from; i < Math.min(firstHeading, rows.length); i++) {
    const row = rows[i]!;
    // A date line is short: a line of more characters than any date line's (a paragraph) is
    // passed over without copying it.
    if (row.empty || longerThan(row.text, 40) || isNavigation(row.text)) continue;
    const text = row.text.replace(/\s+/g, '');
    const date = dateOf(BRACKETED.exec(text)?.[1] ?? text);
    if (date) return { date, source: 'text', line: row.line };
  }
  return null;
}

/** Whether a text has more than `max` characters that are not white space (counted no further). */
function longerThan(text: string, max: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++)
    if (!isWhiteSpace(text.charCodeAt(i)) && ++count > max) return true;
  return false;
}

/** A page's date fields, the publication's first: 发布日期 before 成文日期 and a bare 时间. */
const PAGE_DATE_FIELDS: readonly RegExp[] = [
  /(?:发布|公开)(?:日期|时间)\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/,
  META_DATE,
];

/**
 * The publication time a web page shows around the report: its breadcrumb or field lines
 * ("发布时间：2023-02-20 15:07", "时间：2022-02-08 16:34"), up to the first section heading
 * (a crawler's page on one line included).
 */
export function breadcrumbDate(
  rows: readonly DatedRow[],
  firstHeading: number,
): PublicationDate | null {
  const end = Math.min(rows.length, firstHeading + 1);
  // Every field names a 日期 or a 时间: the lines that do (few) are searched.
  const fielded: number[] = [];
  for (let i = 0; i < end; i++) {
    const text = rows[i]!.text;
    if (text.includes('日期') || text.includes('时间')) fielded.push(i);
  }
  if (fielded.length === 0) return null;
  for (const field of PAGE_DATE_FIELDS) {
    for (const i of fielded) {
      const m = field.exec(rows[i]!.text);
      if (!m) continue;
      const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (date) return { date, source: 'breadcrumb', line: rows[i]!.line };
    }
  }
  return null;
}

/** The most trusted of the dates found (DATE_TRUST), or null when none was. */
export function publicationDate(
  found: readonly (PublicationDate | null | undefined)[],
): PublicationDate | null {
  for (const source of DATE_TRUST) {
    const date = found.find((d) => d?.source === source);
    if (date) return date;
  }
  return null;
}
