/**
 * Labels split across lines or cells: a narrow cell, a PDF's text or a converter breaks a
 * label into pieces ("行政规范性" … "文件", "四、结转下" … "年度继续办" … "理"), sometimes
 * with the row's figures between them, sometimes around another row's label. A label is found
 * from the pieces of consecutive text tokens that no label of the template names on its own,
 * joined; it is taken only when the joined text names one label of the template and no other
 * way of joining the same pieces names another. The label stands at its first piece: the
 * figures after it are its row's — unless another row's label stands between its pieces, in
 * which case the figures there may be either row's and only the table's arithmetic can say.
 */
import {
  APPLICATION_ROWS,
  OUTCOME_GROUPS,
  type ApplicationRowKey,
  type OutcomeGroupKey,
} from '../../report/format.js';
import {
  CACHED_TEXT_MAX,
  detach,
  matchApplicationRow,
  matchOutcomeGroup,
  normalizeLabel,
} from '../labels.js';
import { packedMap } from '../arrays.js';
import type { Reading } from './readings.js';
import type { CellRef, Constraint, RowOutcome } from './solver.js';
import type { StreamToken, TextToken } from './stream.js';
import { applicationAnchor, labelPieces } from './template.js';

/** Pieces a label may be broken into, at most. */
const MAX_PIECES = 4;
/** Lines a broken label may stand on, at most (first to last piece). */
const MAX_LINES = 4;
/** A piece longer than this is a line of prose, not a piece of a label. */
const MAX_PIECE = 30;

/** A label found from the pieces of several text tokens (their indices in the stream). */
export interface WrappedLabel<K> {
  key: K;
  pieces: number[];
}

/**
 * The labels broken across text tokens. `loose(i)`: the text token i names no label on its
 * own (only such tokens are pieces); `match(text)`: the label a joined text names, or null;
 * `within(key, text)`: the joined text is still the label's beginning (a label matched by its
 * first words takes the pieces that complete it: "四、结转下" + "年度继续办" + "理"; `named(i)`:
 * the label a text token names by itself, with the text its completion would follow). The
 * fewest pieces that name a label are taken, each piece in one label at most.
 */
export function wrappedLabels<K>(
  tokens: readonly StreamToken[],
  loose: (i: number) => boolean,
  match: (text: string) => K | null,
  within: (key: K, text: string) => boolean = () => false,
  named?: (i: number) => { key: K; text: string } | null,
): WrappedLabel<K>[] {
  const out: WrappedLabel<K>[] = [];
  const text = (pieces: readonly number[]) =>
    pieces.map((j) => (tokens[j] as TextToken).text).join('');
  const used = new Set<number>();
  // A piece is a cell's text, or its beginning before a figure — not words after a figure in
  // the same cell (a sentence going on: "申请63件，其中因…").
  const piece = (j: number) => {
    const t = tokens[j]!;
    const before = tokens[j - 1];
    const afterFigure =
      before?.kind === 'figure' && before.line === t.line && before.cell === t.cell;
    return t.kind === 'text' && t.text.length <= MAX_PIECE && !afterFigure && loose(j);
  };
  let recent: number[] = [];
  // The next loose text token from each index on (tokens.length: none), when the tokens' lines
  // never go back: then the tokens a completion passes over to reach it are on no later line,
  // and only loose text tokens are taken or stop it. Otherwise every token is looked at.
  const n = tokens.length;
  let inOrder = true;
  for (let j = 1; j < n && inOrder; j++) if (tokens[j]!.line < tokens[j - 1]!.line) inOrder = false;
  let nextLoose: Int32Array | null = null;
  if (inOrder) {
    nextLoose = new Int32Array(n + 1).fill(n);
    for (let j = n - 1; j >= 0; j--)
      nextLoose[j] = tokens[j]!.kind === 'text' && loose(j) ? j : nextLoose[j + 1]!;
  }
  /** The loose pieces after a label that complete it (its text so far `from`). */
  const completion = (key: K, from: string, at: number, line: number): number[] => {
    const pieces: number[] = [];
    let sofar = from;
    for (
      let j = nextLoose ? nextLoose[at + 1]! : at + 1;
      j < n && pieces.length < MAX_PIECES - 1;
      j = nextLoose ? nextLoose[j + 1]! : j + 1
    ) {
      const next = tokens[j]!;
      if (next.line - line >= MAX_LINES) break;
      if (next.kind !== 'text' || used.has(j) || !loose(j)) continue;
      // Prose between: the label is not continued past it.
      if (!piece(j)) break;
      const more = next.text;
      if (!within(key, sofar + more)) break;
      sofar += more;
      pieces.push(j);
    }
    return pieces;
  };
  tokens.forEach((t, i) => {
    if (t.kind !== 'text' || used.has(i)) return;
    if (!piece(i)) {
      if (loose(i)) return;
      // A label named by itself may still be cut short ("四、结转下年度继续办" … "理").
      const own = named?.(i);
      const rest = own ? completion(own.key, own.text, i, t.line) : [];
      if (own && rest.length > 0) {
        rest.forEach((j) => used.add(j));
        out.push({ key: own.key, pieces: [i, ...rest] });
      }
      return;
    }
    recent = recent.filter((j) => t.line - tokens[j]!.line < MAX_LINES);
    let found: WrappedLabel<K> | null = null;
    let ambiguous = false;
    for (let n = 2; n <= Math.min(MAX_PIECES, recent.length + 1); n++) {
      const pieces = [...recent.slice(recent.length - (n - 1)), i];
      const key = match(text(pieces));
      if (key === null) continue;
      if (found === null) found = { key, pieces };
      else if (JSON.stringify(found.key) !== JSON.stringify(key)) ambiguous = true;
    }
    if (!found || ambiguous) {
      recent.push(i);
      return;
    }
    // The pieces that follow and complete it.
    const rest = completion(found.key, text(found.pieces), i, tokens[found.pieces[0]!]!.line);
    rest.forEach((j) => used.add(j));
    found.pieces.push(...rest);
    out.push(found);
    recent = recent.filter((j) => !found.pieces.includes(j));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------------------------

type ApplicationLabel =
  { kind: 'row'; key: ApplicationRowKey } | { kind: 'group'; key: OutcomeGroupKey };

/** What a joined text of table 三 names by its words (never by similarity: pieces are short). */
function matchApplication(text: string): ApplicationLabel | null {
  const norm = normalizeLabel(text);
  const group = matchOutcomeGroup(norm);
  if (group) return { kind: 'group', key: group };
  const row = matchApplicationRow(norm);
  // A bare "其他" names 3.其他 only inside its group: not a label to join into.
  return row && row !== 'other.other' ? { kind: 'row', key: row } : null;
}

const TEMPLATE_LABEL = new Map<string, string>([
  ...APPLICATION_ROWS.map((r) => [r.key, normalizeLabel(r.label)] as const),
  ...OUTCOME_GROUPS.map((g) => [g.key, normalizeLabel(g.label)] as const),
]);

/** The joined text is the beginning of the template's label (or all of it). */
const withinApplication = (label: ApplicationLabel, text: string) =>
  TEMPLATE_LABEL.get(label.key)?.startsWith(normalizeLabel(text)) ?? false;

/** Whether a text token of table 三 names nothing by any of its pieces. */
const isLoose = (text: string) =>
  labelPieces(text).every(
    (piece) => piece.trim() === '' || applicationAnchor(piece, 'other') === null,
  );

/** The label a text token of table 三 names by its last piece, with that piece's text. */
function namedBy(text: string): { key: ApplicationLabel; text: string } | null {
  const last = labelPieces(text)
    .filter((p) => p.trim() !== '')
    .pop();
  const anchor = last === undefined ? null : applicationAnchor(last, 'other');
  return anchor && anchor.kind !== 'outcomes'
    ? { key: { kind: anchor.kind, key: anchor.key } as ApplicationLabel, text: last! }
    : null;
}

interface TextLabel {
  loose: boolean;
  named: { key: ApplicationLabel; text: string } | null;
}

/**
 * isLoose and namedBy of a text, remembered: the same labels come back in every report. Bounded
 * (an audit of unusual documents must not grow it without end); the key is copied, so that an
 * entry keeps no document's text alive. The answers are shared: never changed by their users.
 */
const TEXT_LABELS = new Map<string, TextLabel>();
function textLabel(text: string): TextLabel {
  const known = TEXT_LABELS.get(text);
  if (known !== undefined) return known;
  const loose = isLoose(text);
  const value: TextLabel = { loose, named: loose ? null : namedBy(text) };
  if (text.length > CACHED_TEXT_MAX) return value;
  if (TEXT_LABELS.size >= 20_000) TEXT_LABELS.clear();
  TEXT_LABELS.set(detach(text), value);
  return value;
}

export interface JoinedStream {
  /** The tokens with each broken label joined into its first piece, its other pieces removed. */
  tokens: StreamToken[];
  /**
   * Figures between the pieces of a row's label broken around another row's label: either
   * row's, as the arithmetic decides.
   */
  doubtful: Set<StreamToken>;
  /** Whether any label was joined (else the tokens are the region's, in a copy). */
  changed: boolean;
}

/** Table 三's region with the labels its layout broke joined again. */
export function joinApplicationLabels(
  tokens: readonly StreamToken[],
  skip: ReadonlySet<number> = new Set(),
): JoinedStream {
  const byText = tokens.map((t) =>
    t.kind === 'text' && !skip.has(t.line) ? textLabel(t.text) : null,
  );
  const loose = byText.map((l) => l !== null && l.loose);
  // A text token is named only when it is not loose (wrappedLabels asks no other).
  const named = (i: number): { key: ApplicationLabel; text: string } | null => {
    const l = byText[i];
    return l ? (l.loose ? namedBy((tokens[i] as TextToken).text) : l.named) : null;
  };
  const labels = wrappedLabels(
    tokens,
    (i) => loose[i]!,
    matchApplication,
    withinApplication,
    named,
  );
  if (labels.length === 0) return { tokens: [...tokens], doubtful: new Set(), changed: false };
  const joined = new Map<number, string>();
  const dropped = new Set<number>();
  const doubtful = new Set<StreamToken>();
  for (const { key, pieces } of labels) {
    joined.set(pieces[0]!, pieces.map((j) => (tokens[j] as TextToken).text).join(''));
    pieces.slice(1).forEach((j) => dropped.add(j));
    if (key.kind !== 'row') continue;
    const first = pieces[0]!;
    const last = pieces[pieces.length - 1]!;
    const inner = tokens.slice(first + 1, last);
    const around = inner.some(
      (t, k) =>
        t.kind === 'text' &&
        !loose[first + 1 + k] &&
        !skip.has(t.line) &&
        labelPieces(t.text).some((piece) => applicationAnchor(piece, 'other')?.kind === 'row'),
    );
    if (around) for (const t of inner) if (t.kind !== 'text') doubtful.add(t);
  }
  const out: StreamToken[] = [];
  tokens.forEach((t, i) => {
    if (dropped.has(i)) return;
    const text = joined.get(i);
    out.push(text !== undefined && t.kind === 'text' ? { ...t, text } : t);
  });
  return { tokens: out, doubtful, changed: true };
}

/**
 * Outcomes with the rows whose figures are doubtful (joinApplicationLabels) read only where
 * a constraint of the table that names them could be checked; otherwise left unread, their
 * reading kept as the candidate.
 */
export function withDoubt(
  outcomes: readonly RowOutcome[],
  readings: readonly (Reading[] | null)[],
  constraints: readonly Constraint[],
  doubtfulRows: ReadonlySet<number>,
): RowOutcome[] {
  const known = (r: number) => readings[r] !== null && readings[r]!.length > 0;
  const checked = (r: number) =>
    constraints.some((c) => {
      const cells: readonly CellRef[] = [...c.left, ...c.right];
      return cells.some(([x]) => x === r) && cells.every(([x]) => known(x));
    });
  // packedMap (arrays.ts), not Array.map: the outcomes are read by optimised code.
  return packedMap(outcomes, (o, r): RowOutcome =>
    o.status === 'read' && doubtfulRows.has(r) && !checked(r)
      ? { status: 'ambiguous', candidates: [o.reading] }
      : o,
  );
}
