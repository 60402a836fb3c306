/**
 * Table 三's labels read once per layout of the region: which lines are its header, the labels
 * its layout broke joined again (wrapped.ts), each token's row (application-segments.ts) and the
 * lines of figures whose row is in doubt (application-wraps.ts). All of that looks only at the
 * tokens' kinds, lines, cells and texts — never at a figure's digits or a token's column — so
 * reports printed from the template by the same converter, whose tables differ only in their
 * figures, read their labels alike wherever the table stands (the lines counted from the
 * region's first). The reading is kept by that skeleton and given again to a region that has
 * it (compared in full), the tokens put back in their places.
 */
import { packedMap } from '../arrays.js';
import type { ApplicationRowKey, OutcomeGroupKey } from '../../report/format.js';
import { segments, type Segment } from './application-segments.js';
import { wrapDoubts, type Doubt, type Variant } from './application-wraps.js';
import { detach } from '../labels.js';
import type { StreamToken } from './stream.js';
import { applicationHeaderLines } from './template.js';
import { joinApplicationLabels } from './wrapped.js';
import { headerLines } from './result.js';
import { missingGroupLabels } from './application-groups.js';

/** What readApplicationsStructure takes from the labels of its region. */
export interface LabelReading {
  /** Figures between the pieces of a label broken around another's. */
  doubtful: Set<StreamToken>;
  segs: Segment[];
  groups: Set<OutcomeGroupKey>;
  unplaced: Omit<Segment, 'key'>[];
  variants: Variant[];
  inDoubt: Set<ApplicationRowKey>;
  /** The lines of figures whose row is in doubt (application-wraps.ts). */
  doubts: Doubt[];
  /**
   * missingGroupLabels is known to find nothing here: it looks at the texts and lines of the
   * tokens and at the rows' keys and label lines (the same in every variant), all of them the
   * skeleton's; a plan finding nothing finds nothing for a region laid out alike.
   */
  quietGroups: boolean;
}

/** A token's kind as a number: its first letter ("text", "figure", "empty" differ there). */
const kindOf = (t: StreamToken) => t.kind.charCodeAt(0);

/** A segment as found: its tokens are those of the region whose `owner` is it. */
interface SegmentPlan {
  key: ApplicationRowKey | null;
  /** The label's line, from the region's first. */
  line: number;
  label?: string;
  bare?: boolean;
}

interface Plan {
  // The skeleton read.
  /** The tokens' kinds as the tokens spell them (compared as strings: no character read). */
  kinds: StreamToken['kind'][];
  lines: Int32Array;
  cells: Int32Array;
  texts: (string | null)[];
  header: number[];
  // Its reading.
  doubtful: number[];
  /**
   * Each token's segment (index in `segs`), -1 for none: a segment's tokens are figures and
   * empty cells, never a joined label's text, so the region's own.
   */
  owner: Int32Array;
  segs: SegmentPlan[];
  groups: OutcomeGroupKey[];
  doubts: Doubt[];
  quietGroups: boolean;
}

/**
 * Plans by the count of tokens, the latest first: a region is compared with each (most differ
 * within their first tokens). Bounded per count and in all (an audit of unusual documents must
 * not grow them without end).
 */
const PLANS = new Map<number, Plan[]>();
const PER_COUNT = 8;
let planned = 0;
/** Hashes of the skeletons met once and not planned (see readLabels). */
const SEEN = new Set<number>();

/** Regions whose labels were given again from a plan (for the tests: that plans are used). */
export const planUse = { replayed: 0 };

/** Every plan forgotten: the next regions are read from their tokens (for the tests). */
export function forgetLabelPlans(): void {
  PLANS.clear();
  SEEN.clear();
  planned = 0;
}

/** The labels of table 三's region, read or given again from a region laid out alike. */
export function readLabels(
  tokens: readonly StreamToken[],
  /** The tokens' headerLines when the caller has them already (not changed). */
  headerOfTokens?: ReadonlySet<number>,
): LabelReading {
  const header = headerOfTokens ?? headerLines(tokens);
  const base = tokens.length > 0 ? tokens[0]!.line : 0;
  // In ascending order (the lines are mostly met so: sorted only when they are not).
  const headerRel: number[] = [];
  let ascending = true;
  for (const l of header) {
    const rel = l - base;
    if (headerRel.length > 0 && rel < headerRel[headerRel.length - 1]!) ascending = false;
    headerRel.push(rel);
  }
  if (!ascending) headerRel.sort((a, b) => a - b);
  const bucket = PLANS.get(tokens.length);
  if (bucket !== undefined)
    for (const plan of bucket)
      if (sameSkeleton(plan, tokens, base, headerRel)) {
        planUse.replayed++;
        return replay(plan, tokens, base);
      }
  const read = readFresh(tokens, header);
  // A skeleton met once is only remembered as met (by a hash): a plan is made the second time
  // (a report laid out like no other costs no plan).
  let hash = tokens.length;
  for (const l of headerRel) hash = (Math.imul(hash, 31) + l) | 0;
  for (const t of tokens) {
    hash = (Math.imul(hash, 31) + kindOf(t)) | 0;
    hash = (Math.imul(hash, 31) + t.line - base) | 0;
    hash = (Math.imul(hash, 31) + t.cell) | 0;
    if (t.kind === 'text')
      hash = (Math.imul(hash, 31) + t.text.length * 65_536 + t.text.charCodeAt(0)) | 0;
  }
  if (!SEEN.has(hash)) {
    if (SEEN.size >= 20_000) SEEN.clear();
    SEEN.add(hash);
    return read;
  }
  SEEN.delete(hash);
  if (planned >= 2_000) {
    PLANS.clear();
    planned = 0;
  }
  const plan = planOf(tokens, base, headerRel, read);
  if (bucket === undefined) PLANS.set(tokens.length, [plan]);
  else {
    bucket.unshift(plan);
    if (bucket.length > PER_COUNT) bucket.pop();
  }
  planned++;
  return read;
}

/** The labels read from the tokens themselves. */
function readFresh(tokens: readonly StreamToken[], header: ReadonlySet<number>): LabelReading {
  const groups = new Set<OutcomeGroupKey>();
  const unplaced: Omit<Segment, 'key'>[] = [];
  // Labels broken across lines or cells joined again (wrapped.ts).
  const skip = applicationHeaderLines(tokens, header);
  const joined = joinApplicationLabels(tokens, skip);
  // No label joined: the same tokens, so the same header lines.
  const segs = segments(joined.tokens, groups, unplaced, joined.changed ? undefined : skip);
  const { variants, inDoubt, doubts } = wrapDoubts(segs);
  return {
    doubtful: joined.doubtful,
    segs,
    groups,
    unplaced,
    variants,
    inDoubt,
    doubts,
    quietGroups: false,
  };
}

function sameSkeleton(
  plan: Plan,
  tokens: readonly StreamToken[],
  base: number,
  header: readonly number[],
): boolean {
  if (plan.kinds.length !== tokens.length || plan.header.length !== header.length) return false;
  for (let i = 0; i < header.length; i++) if (plan.header[i] !== header[i]) return false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (plan.kinds[i] !== t.kind || plan.lines[i] !== t.line - base || plan.cells[i] !== t.cell)
      return false;
    if (t.kind === 'text' && plan.texts[i] !== t.text) return false;
  }
  return true;
}

/** The reading of a region laid out as one read before, made of its own tokens. */
function replay(plan: Plan, tokens: readonly StreamToken[], base: number): LabelReading {
  const all: (Segment | (Omit<Segment, 'key'> & { key: null }))[] = [];
  for (const s of plan.segs) {
    const seg = { key: s.key, tokens: [] as Segment['tokens'], line: s.line + base } as Segment;
    if (s.label !== undefined) seg.label = s.label;
    if (s.bare !== undefined) seg.bare = s.bare;
    all.push(seg);
  }
  for (let i = 0; i < tokens.length; i++) {
    const o = plan.owner[i]!;
    if (o >= 0) all[o]!.tokens.push(tokens[i] as Segment['tokens'][number]);
  }
  const segs: Segment[] = [];
  const unplaced: Omit<Segment, 'key'>[] = [];
  for (const s of all) if (s.key === null) unplaced.push(s);
  for (const s of all) if (s.key !== null) segs.push(s as Segment);
  const doubtful = new Set<StreamToken>();
  for (const i of plan.doubtful) doubtful.add(tokens[i]!);
  // packedMap (arrays.ts), not Array.map: wrapVariants' optimised code reads the list.
  const doubts = packedMap(plan.doubts, (d) => ({ ...d, line: d.line + base }));
  const { variants, inDoubt } = wrapDoubts(segs, doubts);
  return {
    doubtful,
    segs,
    groups: new Set(plan.groups),
    unplaced,
    variants,
    inDoubt,
    doubts,
    quietGroups: plan.quietGroups,
  };
}

/** The plan of a reading made from the tokens: their skeleton, and the reading by places. */
function planOf(
  tokens: readonly StreamToken[],
  base: number,
  header: number[],
  read: LabelReading,
): Plan {
  const n = tokens.length;
  const kinds: StreamToken['kind'][] = [];
  const lines = new Int32Array(n);
  const cells = new Int32Array(n);
  const texts: (string | null)[] = [];
  const index = new Map<StreamToken, number>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    kinds.push(t.kind);
    lines[i] = t.line - base;
    cells[i] = t.cell;
    // Copied: a text may be a view into the whole report's.
    texts.push(t.kind === 'text' ? detach(t.text) : null);
    index.set(t, i);
  }
  const all: Omit<Segment, 'key'>[] = [...read.segs, ...read.unplaced];
  const ownerOf = new Map<StreamToken, number>();
  all.forEach((s, o) => {
    for (const t of s.tokens) ownerOf.set(t, o);
  });
  const owner = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) owner[i] = ownerOf.get(tokens[i]!) ?? -1;
  const segs: SegmentPlan[] = all.map((s) => {
    const plan: SegmentPlan = { key: (s as Partial<Segment>).key ?? null, line: s.line - base };
    if (s.label !== undefined) plan.label = s.label;
    if (s.bare !== undefined) plan.bare = s.bare;
    return plan;
  });
  const doubtful: number[] = [];
  for (const t of read.doubtful) doubtful.push(index.get(t)!);
  return {
    kinds,
    lines,
    cells,
    texts,
    header,
    doubtful,
    owner,
    segs,
    groups: [...read.groups],
    doubts: read.doubts.map((d) => ({ ...d, line: d.line - base })),
    quietGroups: missingGroupLabels(tokens, read.segs, read.groups).length === 0,
  };
}
