/**
 * What a text of table 二's region says as labels: the small tables' and rows' labels it holds
 * (in order), whether it is labels only, and which characters of the rows' labels it has. The
 * same texts come back in every report (the template is fixed): each is worked out once and
 * remembered (bounded; a long text is a sentence, seen once, and is not kept).
 */
import type { ProactiveRowKey } from '../../report/format.js';
import { detach, normalizeLabel } from '../labels.js';

export type Event = { kind: 'row'; key: ProactiveRowKey } | { kind: 'group'; group: number };

const ROW_LABEL = /行政规范性文件|规范性文件|规章|行政许可|行政处罚|行政强制|行政事业性收费/g;
const GROUP_LABEL = /第二十条第?\s*[（(]?\s*([一二三四五六七八九十]+)\s*[）)]?\s*项/g;
const GROUP_NUMBER: Record<string, number> = { 一: 0, 五: 1, 六: 2, 八: 3 };
const ROW_OF: Record<string, ProactiveRowKey> = {
  规章: 'regulations',
  规范性文件: 'normative_documents',
  行政规范性文件: 'normative_documents',
  行政许可: 'licensing',
  行政处罚: 'penalty',
  行政强制: 'coercion',
  行政事业性收费: 'administrative_fees',
};

/** The events of each match, made once (never changed: shared by every report). */
const ROW_EVENT = new Map<string, Event>(
  Object.entries(ROW_OF).map(([label, key]) => [label, { kind: 'row', key }]),
);
const GROUP_EVENT: Event[] = [0, 1, 2, 3].map((group) => ({ kind: 'group', group }));

/**
 * The characters of the rows' labels, a bit each. A row label joined from pieces
 * (matchProactiveRow of normalizeLabel of the joined text: one of the labels exactly, the
 * normalising only removing characters) has all its label's characters in its pieces.
 */
const LABEL_CHARACTERS = [...new Set(Object.keys(ROW_OF).join(''))];
const BIT = new Map(LABEL_CHARACTERS.map((ch, i) => [ch.charCodeAt(0), 1 << i]));
const maskOf = (label: string) => {
  let mask = 0;
  for (let i = 0; i < label.length; i++) mask |= BIT.get(label.charCodeAt(i))!;
  return mask;
};
const LABEL_MASKS = [
  '规章',
  '规范性文件',
  '行政许可',
  '行政处罚',
  '行政强制',
  '行政事业性收费',
].map(maskOf);

/** Whether texts with these label characters between them can make up a row label. */
export const mayJoinLabel = (chars: number): boolean => LABEL_MASKS.some((m) => (chars & m) === m);

export interface LabelText {
  /** The labels in the text, in order; null when none. */
  events: readonly Event[] | null;
  /** The label characters the text has (bits of LABEL_CHARACTERS). */
  chars: number;
  /** The text is labels only ("第二十条第（一）项", "行政许可", a piece of one); made on demand. */
  labelCell?: boolean;
}

/** Texts remembered at most, and the longest remembered (longer than a header line: a sentence). */
const MAX_ENTRIES = 20_000;
const MAX_LENGTH = 80;
const CACHE = new Map<string, LabelText>();

/** What `text` says as labels (remembered when short). */
export function labelText(text: string): LabelText {
  const cached = CACHE.get(text);
  if (cached !== undefined) return cached;
  const info = analyse(text);
  if (text.length <= MAX_LENGTH) {
    if (CACHE.size >= MAX_ENTRIES) CACHE.clear();
    // A copy of the key: a token's text may be a view into its whole line or file.
    CACHE.set(detach(text), info);
  }
  return info;
}

/** Whether `text` (whose entry is `info`) is labels only. */
export function isLabelCell(info: LabelText, text: string): boolean {
  info.labelCell ??=
    normalizeLabel(text.replace(GROUP_LABEL, '').replace(ROW_LABEL, '')).length <= 2;
  return info.labelCell;
}

function analyse(text: string): LabelText {
  let chars = 0;
  for (let i = 0; i < text.length; i++) chars |= BIT.get(text.charCodeAt(i)) ?? 0;
  let found: { at: number; event: Event }[] | null = null;
  // Every match of GROUP_LABEL has “第二十条”, every one of ROW_LABEL “规” or “行政”: a text
  // without them has none (tested first, as most texts have none).
  if (text.includes('第二十条'))
    for (const m of text.matchAll(GROUP_LABEL)) {
      const n = GROUP_NUMBER[m[1]!];
      if (n !== undefined) (found ??= []).push({ at: m.index, event: GROUP_EVENT[n]! });
    }
  if (text.includes('规') || text.includes('行政'))
    for (const m of text.matchAll(ROW_LABEL))
      (found ??= []).push({ at: m.index, event: ROW_EVENT.get(m[0])! });
  const events = found && found.sort((a, b) => a.at - b.at).map((f) => f.event);
  return { events, chars };
}
