/**
 * Table 三's rows in the stream: each row label anchored (template.ts) and the figures after it
 * until the next label, the row's tokens; and the rows found out of the template's order.
 */
import {
  APPLICATION_ROW_KEYS,
  type ApplicationRowKey,
  type OutcomeGroupKey,
} from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import { applicationRowName } from '../../report/labels.js';
import type { RowTokens } from './readings.js';
import type { StreamToken } from './stream.js';
import { applicationAnchor, applicationHeaderLines, labelPieces } from './template.js';

const ROW = new Map(APPLICATION_ROW_KEYS.map((k, i) => [k, i]));
/** The outcome group a row of table 三 is in ("denied.secret" → "denied"), null for none. */
const GROUP_OF = new Map(
  APPLICATION_ROW_KEYS.map((k) => [
    k,
    k.includes('.') ? (k.split('.')[0] as OutcomeGroupKey) : null,
  ]),
);

export interface Segment {
  key: ApplicationRowKey;
  tokens: RowTokens[number][];
  /** The line of the row's label. */
  line: number;
  /** A numbered label that names no row of the template, as printed. */
  label?: string;
  /**
   * Anchored by a bare “总计” before any other row: the header's 总计 column as much as row
   * （七）总计, so no evidence of where row （七） stands.
   */
  bare?: boolean;
}

/** “总计” or “合计” alone: the header's total column or row （七）总计 without its number. */
const BARE_TOTAL = /^\s*(?:总\s*计|合\s*计)\s*$/;

/** A piece that begins a row or a group by its numbering: "1.", "（三）", "二、". */
const NUMBERED = /^\s*(?:\d\s*[.、．]|[(（]\s*[一二三四五六七]\s*[)）]|[一二三四]\s*、)/;

/**
 * The rows' tokens: each figure goes to the row anchored last before it. A numbered label too
 * short to tell its row (a narrow cell wrapped it: "1.申请人无正当理" … "由逾期不补正…") takes the
 * text that follows it until it does.
 */
export function segments(
  tokens: readonly StreamToken[],
  groups = new Set<OutcomeGroupKey>(),
  /** Numbered labels that name no row, with the figures after them. */
  unplaced: Omit<Segment, 'key'>[] = [],
  /** The tokens' applicationHeaderLines when the caller has them (copied, not changed). */
  known?: ReadonlySet<number>,
): Segment[] {
  const header = known ? new Set(known) : applicationHeaderLines(tokens);
  // A line of labels only (pdftotext -layout: "三、本年度办理结果  （四）无法提供  2.没有现成信息
  // 需要另行制", its figures on the next line) is no header: a header's cells are not numbered.
  for (const t of tokens)
    if (
      t.kind === 'text' &&
      header.has(t.line) &&
      labelPieces(t.text).some((p) => NUMBERED.test(p))
    )
      header.delete(t.line);
  const out: (Omit<Segment, 'key'> & { key: ApplicationRowKey | null })[] = [];
  let current: (typeof out)[number] | null = null;
  let pending: { label: string; seg: (typeof out)[number] } | null = null;
  let group: OutcomeGroupKey | null = null;
  for (const t of tokens) {
    if (t.kind !== 'text') {
      current?.tokens.push(t);
      continue;
    }
    if (header.has(t.line)) continue;
    for (const piece of labelPieces(t.text)) {
      if (piece.trim() === '') continue;
      const anchor = applicationAnchor(piece, group);
      if (pending && anchor?.kind === 'row' && !NUMBERED.test(piece)) {
        // The rest of the wrapped label names the row by itself.
        pending.seg.key = anchor.key;
        pending = null;
        continue;
      }
      if (!anchor) {
        if (pending && !NUMBERED.test(piece)) {
          pending.label += piece;
          pending.seg.label = pending.label;
          const again = applicationAnchor(pending.label, group);
          if (again?.kind === 'row') {
            pending.seg.key = again.key;
            pending = null;
          }
        } else if (/^\s*\d\s*[.、．]/.test(piece)) {
          current = { key: null, tokens: [], line: t.line, label: piece };
          out.push(current);
          pending = { label: piece, seg: current };
        }
        continue;
      }
      pending = null;
      if (anchor.kind === 'outcomes') {
        current = null;
      } else if (anchor.kind === 'group') {
        group = anchor.key;
        groups.add(anchor.key);
        current = null;
      } else {
        const g = GROUP_OF.get(anchor.key) ?? null;
        if (g) group = g;
        // A bare “总计” before any row of the table may be the header's 总计 column.
        const bare = anchor.key === 'total' && BARE_TOTAL.test(piece) && !out.some((s) => s.key);
        current = { key: anchor.key, tokens: [], line: t.line, ...(bare ? { bare } : {}) };
        out.push(current);
      }
    }
  }
  unplaced.push(...out.filter((s) => s.key === null));
  return out.filter((s): s is Segment => s.key !== null);
}

/** Whether a row's tokens have a figure (a plain loop: asked of every row of every table). */
function hasFigure(tokens: Segment['tokens']): boolean {
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.kind === 'figure') return true;
  return false;
}

/** Rows anchored after a row that comes later in the template: read by their labels, said. */
export function rowOrder(segs: readonly Segment[]): Finding[] {
  const out: Finding[] = [];
  // The rows met, by their index in the template.
  const seen = new Uint8Array(ROW.size);
  let furthest = -1;
  let furthestKey: ApplicationRowKey | null = null;
  let furthestLine = -1;
  for (const seg of segs) {
    const index = ROW.get(seg.key)!;
    if (seen[index] === 1 || !hasFigure(seg.tokens)) continue;
    // An order claim must hold under the reading: a label that may be a column header places
    // no row.
    if (seg.bare) continue;
    seen[index] = 1;
    if (index > furthest) {
      furthest = index;
      furthestKey = seg.key;
      furthestLine = seg.line;
      continue;
    }
    // Labels side by side on one line (one wrapped around the other) tell no order.
    if (seg.line === furthestLine) continue;
    const line = seg.tokens[0]!.line;
    out.push({
      code: 'row-order',
      severity: 'warning',
      location: { table: 'applications', row: seg.key, line },
      message: `表三“${applicationRowName(seg.key)}”行（第 ${line} 行）排在“${applicationRowName(furthestKey!)}”行之后，与国办公开办函〔2021〕30号规定的行序不符；已按行名读入。`,
    });
  }
  return out;
}
