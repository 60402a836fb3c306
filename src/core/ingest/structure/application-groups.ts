/**
 * Table 三's outcome groups whose heading the report lacks while their rows are there ("（三）不予
 * 公开" not printed above 1.属于国家秘密 … 8.属于行政查询事项): a claim about the report, so made
 * only when the text was read and the heading is not in it — not when a narrow cell broke it
 * over lines without its number ("不予公" … "开"), which still names the group.
 */
import { OUTCOME_GROUPS, type OutcomeGroupKey } from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import { normalizeLabel } from '../labels.js';
import type { StreamToken } from './stream.js';
import { APPLICATION_PIECE_START, UNREADABLE_GLYPHS } from './template.js';

/** The groups with a heading of their own above their numbered rows. */
const HEADED = OUTCOME_GROUPS.filter((g) =>
  ['withheld', 'unable', 'not_processed', 'other'].includes(g.key),
);

/** Pieces of text more than this many lines apart do not make up one broken label. */
const BREAK_LINES = 2;

/** A group's number at the start of a piece: "（六）", "(六)". */
const GROUP_NUMBER = /^\s*[(（]\s*([三四五六])\s*[)）]/;

/**
 * Groups named otherwise than by their whole label: by their number with other words ("（六）其
 * 他", a converter's heading), or by a label a narrow cell broke over lines without its number —
 * a piece that begins the label, and pieces within two lines after it, or up to the group's
 * last row (the heading's cell spans its rows: "不予公" beside 1.属于国家秘密, "开" beside
 * 5.属于三类内部事务信息), that complete it (other labels, the rows beside it, between them).
 */
function brokenLabels(
  tokens: readonly StreamToken[],
  rows: readonly { key: string; line: number }[],
): Set<OutcomeGroupKey> {
  const pieces: { raw: string; norm: string; line: number }[] = [];
  const out = new Set<OutcomeGroupKey>();
  for (const t of tokens) {
    if (t.kind !== 'text') continue;
    for (const piece of t.text.split(APPLICATION_PIECE_START)) {
      const norm = normalizeLabel(piece);
      if (piece.trim() !== '') pieces.push({ raw: piece, norm, line: t.line });
    }
  }
  // A group's number, whole in a piece or broken over two (“(” / “六) 其他”, a wrapped row).
  pieces.forEach((piece, i) => {
    const next = pieces[i + 1];
    const joined =
      next && next.line - piece.line <= BREAK_LINES ? `${piece.raw}${next.raw}` : piece.raw;
    for (const text of [piece.raw, joined]) {
      const number = GROUP_NUMBER.exec(text.replace(/^[\s#]+/, ''))?.[1];
      const group = HEADED.find((g) => g.number === `（${number}）`);
      if (group) out.add(group.key);
    }
  });
  pieces.forEach((piece, i) => {
    if (piece.norm === '') return;
    for (const group of HEADED) {
      if (out.has(group.key) || piece.norm.length >= group.label.length) continue;
      if (!group.label.startsWith(piece.norm)) continue;
      let rest = group.label.slice(piece.norm.length);
      const last = Math.max(
        piece.line + BREAK_LINES,
        ...rows.filter((r) => r.key.startsWith(`${group.key}.`)).map((r) => r.line),
      );
      for (let j = i + 1; j < pieces.length && rest !== ''; j++) {
        const next = pieces[j]!;
        if (next.line > last) break;
        if (next.norm !== '' && rest.startsWith(next.norm)) rest = rest.slice(next.norm.length);
      }
      if (rest === '') out.add(group.key);
    }
  });
  return out;
}

/**
 * A warning per group whose rows were found under no heading of it: where its heading should
 * stand (the line of its first row), and that its rows were read by their own labels.
 */
export function missingGroupLabels(
  tokens: readonly StreamToken[],
  rows: readonly { key: string; line: number }[],
  seen: ReadonlySet<OutcomeGroupKey>,
): Finding[] {
  const out: Finding[] = [];
  let broken: Set<OutcomeGroupKey> | null = null;
  for (const group of HEADED) {
    if (seen.has(group.key)) continue;
    const first = rows.find((r) => r.key.startsWith(`${group.key}.`));
    if (!first) continue;
    broken ??= brokenLabels(tokens, rows);
    if (broken.has(group.key)) continue;
    // Text of unreadable glyphs where the heading stands (after the rows before the group, up
    // to its first row): the heading may be there — the reader's limit, not the report's.
    const before = Math.max(-1, ...rows.filter((r) => r.line < first.line).map((r) => r.line));
    const glyphs = tokens.find(
      (t) =>
        t.kind === 'text' &&
        t.line > before &&
        t.line <= first.line &&
        UNREADABLE_GLYPHS.test(t.text),
    );
    if (glyphs && glyphs.kind === 'text') {
      out.push({
        code: 'unread-table',
        severity: 'info',
        location: {
          table: 'applications',
          row: group.key,
          line: glyphs.line,
          excerpt: glyphs.text.trim().slice(0, 40),
        },
        message: `表三第 ${glyphs.line} 行“${glyphs.text.trim().slice(0, 40)}”含无法识别的字符（文件中的字形未能转为文字），可能就是分组行名“${group.number}${group.label}”；未能确定报告是否缺少该行名，请对照原件核对。其下各行按各自的行名读入。`,
      });
      continue;
    }
    out.push({
      code: 'missing-row',
      severity: 'warning',
      location: { table: 'applications', row: group.key, line: first.line },
      message: `表三缺少分组行名“${group.number}${group.label}”（应在第 ${first.line} 行之前）；其下各行按各自的行名读入。`,
    });
  }
  return [...out, ...glyphLabels(tokens)];
}

/**
 * Labels printed in glyphs the file does not map to text (□, U+FFFD, private use): the reader's
 * limit, said where they stand — a row “missing” from the table may be one of them
 * (merge-findings.ts turns such a claim into `unread-table`).
 */
export function glyphLabels(tokens: readonly StreamToken[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tokens) {
    if (t.kind !== 'text' || !UNREADABLE_GLYPHS.test(t.text)) continue;
    const excerpt = t.text.trim().slice(0, 40);
    out.push({
      code: 'unread-table',
      severity: 'warning',
      location: { table: 'applications', line: t.line, excerpt },
      message: `表三第 ${t.line} 行“${excerpt}”含无法识别的字符（文件中的字形未能转为文字），未能读出这一行名；若其后的数值未读入，请对照原件核对并手工填写。`,
    });
  }
  return out;
}
