/**
 * The official template (国办公开办函〔2021〕30号) as the structural reader's anchors: section
 * headings, table 三's row labels with their numbering, table 二's rows and table 四's groups —
 * and tolerant matching of a piece of text against them: by meaning (labels.ts), by the row's
 * numbering in its group, and by similarity for a label with a character or more dropped,
 * added or changed, taken only when no other label of the template comes close.
 */
import {
  APPLICATION_ROWS,
  OUTCOME_GROUPS,
  type ApplicationRowKey,
  type OutcomeGroupKey,
  type SectionKey,
} from '../../report/format.js';
import {
  CACHED_TEXT_MAX,
  detach,
  matchApplicationRow,
  matchOutcomeGroup,
  normalizeLabel,
} from '../labels.js';
import { isBlank, isWhiteSpace } from '../text.js';
import { headerLines } from './result.js';
import type { StreamToken } from './stream.js';

/** Section headings as anchors: the number and what the title must say. */
const SECTION_ANCHORS: readonly { key: SectionKey; number: string; title: RegExp }[] = [
  { key: 'overview', number: '一', title: /^(?:总体|基本|工作)?(?:情况|概况|概述)/ },
  { key: 'proactive', number: '二', title: /^主动公开/ },
  { key: 'applications', number: '三', title: /^(?:收到和处理|收到及处理|依申请公开)/ },
  { key: 'appeals', number: '四', title: /^(?:政府信息公开)?行政.{0,2}复议|^.{0,8}复议.{0,4}诉讼/ },
  { key: 'problems', number: '五', title: /^(?:政府信息公开工作)?存在|问题.{0,4}改进/ },
  { key: 'other', number: '六', title: /^其他需要报告/ },
];

/** "二、主动公开…" anywhere in a text: the number, its mark and the start of the title. */
const NUMBERED_HEADING = /(?:^|[\s。；;：:）)#])([一二三四五六])\s*[、.．]\s*/g;

/** What NUMBERED_HEADING matches besides what may stand before it. */
const HEADING_NUMBER = /[一二三四五六]\s*[、.．]/;

/** The numbers HEADING_NUMBER begins with (一二三四五六). */
const isHeadingNumber = (c: number) =>
  c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x56db || c === 0x4e94 || c === 0x516d;
/** The marks HEADING_NUMBER ends with (、 . ．). */
const isHeadingMark = (c: number) => c === 0x3001 || c === 0x2e || c === 0xff0e;

/**
 * Whether a row's cells joined by tabs hold HEADING_NUMBER (`HEADING_NUMBER.test(cells.join('\t'))`,
 * without the joined copy): a number, white space or cell boundaries, its mark. Without one, the
 * joined text holds no section heading (most table rows).
 */
export function holdsHeadingNumber(cells: readonly string[]): boolean {
  // After a number with nothing but white space since (a cell boundary is a tab: white space).
  let pending = false;
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (pending) {
        if (isHeadingMark(c)) return true;
        if (isWhiteSpace(c)) continue;
      }
      pending = isHeadingNumber(c);
    }
  }
  return false;
}

export interface SectionAnchor {
  key: SectionKey;
  /** Offset of the heading's number in the text. */
  offset: number;
}

/** Each section's anchor by its number, with its place in the template's order. */
const ANCHOR_OF_NUMBER = new Map(
  SECTION_ANCHORS.map((a, order) => [a.number, { key: a.key, title: a.title, order }]),
);

/** No heading (shared: most texts hold none). */
const NO_ANCHORS: readonly SectionAnchor[] = Object.freeze([]);

/**
 * The section headings in a text, in order; each section once (its first heading).
 * `remember: false` when the text is unlikely to come back (a row holding figures, which differ
 * from report to report): worked out without filling the cache with it.
 */
export function sectionAnchors(text: string, remember = true): readonly SectionAnchor[] {
  // Most texts hold no number 一–六 followed by its mark, without which there is no heading.
  if (!HEADING_NUMBER.test(text)) return NO_ANCHORS;
  // A short text holding one is mostly a heading or a label of table 三, the same in every
  // report: its anchors are remembered (shared, frozen).
  return remember && text.length <= MEMO_LENGTH
    ? remembered(ANCHORS_OF_TEXT, text, frozenAnchors)
    : anchorsIn(text);
}

/** The longest text whose anchors are remembered. */
const MEMO_LENGTH = 64;

/** sectionAnchors' answers by short text. */
const ANCHORS_OF_TEXT = new Map<string, readonly SectionAnchor[]>();

const frozenAnchors = (text: string): readonly SectionAnchor[] => {
  const found = anchorsIn(text);
  if (found.length === 0) return NO_ANCHORS;
  for (const a of found) Object.freeze(a);
  return Object.freeze(found);
};

/** sectionAnchors of a text holding a heading's number and mark. */
function anchorsIn(text: string): SectionAnchor[] {
  const found: SectionAnchor[] = [];
  // The sections found (by their place in the template's order) and the last one's place.
  let seen = 0;
  let lastOrder = -1;
  NUMBERED_HEADING.lastIndex = 0;
  for (let m = NUMBERED_HEADING.exec(text); m !== null; m = NUMBERED_HEADING.exec(text)) {
    const anchor = ANCHOR_OF_NUMBER.get(m[1]!)!;
    // A section seen already, or before one seen (in order: a heading before one already seen
    // is a quotation, not a heading): no title to test.
    if ((seen & (1 << anchor.order)) !== 0 || anchor.order < lastOrder) continue;
    if (!anchor.title.test(titleText(text, m.index + m[0].length))) continue;
    seen |= 1 << anchor.order;
    lastOrder = anchor.order;
    found.push({ key: anchor.key, offset: m.index + m[0].indexOf(m[1]!) });
  }
  return found;
}

/** The 30 characters of a text from `from`, white space removed (a copy only if it holds some). */
function titleText(text: string, from: number): string {
  const end = Math.min(text.length, from + 30);
  let i = from;
  while (i < end && !isWhiteSpace(text.charCodeAt(i))) i++;
  if (i === end) return text.slice(from, end);
  let out = text.slice(from, i);
  for (; i < end; i++) if (!isWhiteSpace(text.charCodeAt(i))) out += text[i]!;
  return out;
}

/** What a piece of table 三's text is. */
export type ApplicationAnchor =
  | { kind: 'row'; key: ApplicationRowKey; exact: boolean }
  | { kind: 'group'; key: OutcomeGroupKey }
  | { kind: 'outcomes' };

const ROW_NORMS = APPLICATION_ROWS.map((r) => ({ key: r.key, norm: normalizeLabel(r.label) }));
const GROUP_NUMBER: Record<string, OutcomeGroupKey> = Object.fromEntries(
  OUTCOME_GROUPS.map((g) => [g.number.replace(/[（）]/g, ''), g.key]),
);

/** One row of lcs's table, reused from call to call (grown when a string is longer). */
let lcsRow = new Uint16Array(64);

/** Length of the longest common subsequence of two short strings (code units compared). */
function lcs(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (lcsRow.length <= b.length) lcsRow = new Uint16Array(b.length + 1);
  const row = lcsRow;
  row.fill(0, 0, b.length + 1);
  for (let i = 0; i < a.length; i++) {
    const ca = a.charCodeAt(i);
    // row[j] holds the previous line's value until it is overwritten; `diag` keeps row[j - 1]'s.
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = ca === b.charCodeAt(j - 1) ? diag + 1 : Math.max(up, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

/** closestApplicationRow's answers by label: the same corrupted labels recur from report to report. */
const closestMemo = new Map<string, ApplicationRowKey | null>();

/**
 * The template row a corrupted label is closest to, when it is close (most of both labels in
 * common) and no other row comes near; null otherwise.
 */
export function closestApplicationRow(norm: string): ApplicationRowKey | null {
  if (norm.length < 4 || norm.length > 60) return null;
  const known = closestMemo.get(norm);
  if (known !== undefined) return known;
  let best: { key: ApplicationRowKey; score: number } | null = null;
  let second = 0;
  for (const row of ROW_NORMS) {
    const score = lcs(norm, row.norm) / Math.max(norm.length, row.norm.length);
    if (!best || score > best.score) {
      second = best?.score ?? 0;
      best = { key: row.key, score };
    } else if (score > second) second = score;
  }
  const key = best && best.score >= 0.7 && best.score - second >= 0.2 ? best.key : null;
  // Bounded: a long audit of unusual documents must not grow it without end.
  if (closestMemo.size >= 10_000) closestMemo.clear();
  closestMemo.set(norm, key);
  return key;
}

/** The numbering a label piece begins with: "（三）", "三、", "2." … */
const PIECE_NUMBER =
  /^\s*(?:[(（]\s*([一二三四五六七])\s*[)）]|([一二三四])\s*[、.．]|(\d)\s*[.、．])/;

/**
 * What a piece of text in table 三 anchors: a row (by its words, else by its numbering in the
 * current group, else by similarity), a group heading, 三、本年度办理结果, or nothing.
 */
export function applicationAnchor(
  piece: string,
  group: OutcomeGroupKey | null,
): ApplicationAnchor | null {
  const anchor = remembered(ANCHORS, piece, anchorOf);
  // A bare "其他" is the row 3.其他 only inside （六）.
  if (anchor?.kind === 'row' && anchor.exact && anchor.key === 'other.other' && group !== 'other')
    return null;
  return anchor;
}

/** anchorOf's answers by piece: the same labels come back in every report. */
const ANCHORS = new Map<string, ApplicationAnchor | null>();

/**
 * A value of a function of a text, remembered in a bounded cache (a long audit of unusual
 * documents must not grow it without end). The key is copied, so that an entry keeps no
 * document's text alive (a piece cut from a line may be a view into the whole text).
 */
function remembered<T>(cache: Map<string, T>, text: string, compute: (text: string) => T): T {
  if (text.length > CACHED_TEXT_MAX) return compute(text);
  const known = cache.get(text);
  if (known !== undefined) return known;
  const value = compute(text);
  if (cache.size >= 20_000) cache.clear();
  cache.set(detach(text), value);
  return value;
}

/** What a piece anchors whatever group it stands in (applicationAnchor adds the group's rule). */
function anchorOf(piece: string): ApplicationAnchor | null {
  const number = PIECE_NUMBER.exec(piece);
  const norm = normalizeLabel(piece);
  if (/^本年(?:度)?办理结果$/.test(norm)) return Object.freeze({ kind: 'outcomes' });
  const groupKey = matchOutcomeGroup(norm);
  if (groupKey && groupKey !== 'disclosed' && groupKey !== 'partially_disclosed')
    return Object.freeze({ kind: 'group', key: groupKey });
  // "（六）其他": a group by its number, whatever its words.
  const groupNumber = number?.[1];
  if (groupNumber && /[三四五六]/.test(groupNumber)) {
    const key = GROUP_NUMBER[groupNumber]!;
    const row = matchApplicationRow(norm);
    if (!row || !row.startsWith(`${key}.`)) return Object.freeze({ kind: 'group', key });
  }
  const row = matchApplicationRow(norm);
  // A numbered sub-row under another group's heading is a row too: its words decide.
  if (row) return Object.freeze({ kind: 'row', key: row, exact: true });
  const close = closestApplicationRow(norm);
  if (close) return Object.freeze({ kind: 'row', key: close, exact: false });
  return null;
}

/**
 * A text cut before each numbering a table 三 label piece may begin with
 * (`text.split(APPLICATION_PIECE_START)`), remembered: the same label texts come back in every
 * report. The array is shared: not to be changed.
 */
export function labelPieces(text: string): readonly string[] {
  return remembered(PIECES, text, splitPieces);
}

const PIECES = new Map<string, readonly string[]>();
const splitPieces = (text: string): readonly string[] =>
  Object.freeze(text.split(APPLICATION_PIECE_START));

/** Where a table 三 label piece may begin inside a longer text: before a numbering. */
export const APPLICATION_PIECE_START =
  /(?=[(（]\s*[一二三四五六七]\s*[)）])|(?=(?<![一二三四五六七八九十\d])[一二三四]\s*、)|(?=(?<![\d.])\d\s*[.、．]\s*[^\d\s])/g;

/**
 * The lines of table 三's region that are its header: headerLines (three or more text cells, no
 * figure) but for a line whose cells name a row of the template — labels wrapped away from their
 * figures ("三、本年度办理结果 （四）无法提供 2.没有现成信息需要另行制", the figures on the next
 * line) are rows, not a header.
 */
export function applicationHeaderLines(
  tokens: readonly StreamToken[],
  /** The tokens' headerLines when the caller has them already (copied, not changed). */
  lines?: ReadonlySet<number>,
): Set<number> {
  const header = lines ? new Set(lines) : headerLines(tokens);
  for (const t of tokens)
    if (
      t.kind === 'text' &&
      header.has(t.line) &&
      labelPieces(t.text).some((p) => applicationAnchor(p, null)?.kind === 'row')
    )
      header.delete(t.line);
  return header;
}

/**
 * A document joined onto few long lines (a crawler's page text): each long line cut before the
 * section headings it holds, so that every section starts a line of its own. Short lines and
 * lines with fewer than two headings are kept as they are.
 */
export function cutAtHeadings(text: string, known?: readonly SectionAnchor[]): string[] {
  if (text.length < 300) return [text];
  const anchors = known ?? sectionAnchors(text);
  if (anchors.length < 2) return [text];
  const out: string[] = [];
  let from = 0;
  for (const a of anchors) {
    if (a.offset > from) out.push(text.slice(from, a.offset));
    // The heading on a line of its own: up to its title's last word (情况, 事项) or a space.
    const title = /^.{3,30}?(?:情况|事项)|^\S{3,30}(?=\s)/.exec(text.slice(a.offset));
    if (title) {
      out.push(title[0]);
      from = a.offset + title[0].length;
    } else from = a.offset;
  }
  out.push(text.slice(from));
  return out.filter((s) => s.trim() !== '');
}

/** The order of a section in the template (0 for 一). */
const SECTION_ORDER = new Map(SECTION_ANCHORS.map((a, order) => [a.key, order]));

export const sectionOrder = (key: SectionKey): number => SECTION_ORDER.get(key)!;

/**
 * A line of wrapped prose (a PDF's paragraph printed as lines, a crawler's text) holding a
 * section heading after other text, or a heading followed by its text on the same line: cut
 * before the heading and after its title. `after` is the order of the last section heading the
 * document gave; a heading not after it is a quotation or a table's label, and is not cut.
 */
export function cutAtInlineHeadings(
  text: string,
  after: number,
  known?: readonly SectionAnchor[],
): { pieces: string[]; last: number } {
  let last = after;
  // The anchors after the last heading, each after the one before (a loop: most lines have one).
  const anchors: SectionAnchor[] = [];
  for (const a of known ?? sectionAnchors(text)) {
    const order = sectionOrder(a.key);
    if (order <= last) continue;
    last = order;
    anchors.push(a);
  }
  if (anchors.length === 0) return { pieces: [text], last };
  const out: string[] = [];
  let from = 0;
  for (const a of anchors) {
    if (a.offset > from) pushPiece(out, text.slice(from, a.offset));
    // The title where the heading begins (sticky: as `^…` on the rest, without a copy of it).
    TITLE_AT.lastIndex = a.offset;
    const title = TITLE_AT.exec(text);
    if (title) {
      pushPiece(out, title[0]);
      from = a.offset + title[0].length;
    } else from = a.offset;
  }
  pushPiece(out, text.slice(from));
  return { pieces: out, last };
}

/** A heading's title: up to 情况 or 事项 and a space. */
const TITLE_AT = /.{3,30}?(?:情况|事项)(?=\s)/y;

/** Adds a piece of a line unless it is blank. */
function pushPiece(out: string[], piece: string): void {
  if (!isBlank(piece)) out.push(piece);
}

/**
 * Characters a PDF tool leaves where it could not map a glyph to text: □ and ■ (a font's
 * missing glyph), U+FFFD, and the private-use area. A label holding them was printed but
 * could not be read: its place is no evidence that the label is absent.
 */
export const UNREADABLE_GLYPHS = /[\u25A0\u25A1\uFFFD\uE000-\uF8FF]/;
