/**
 * Table 二 第二十条（一）and the section 一 sentence, computed from the register of items.
 * Each figure keeps the items it counts, so a reader can trace it like table 三.
 */
import {
  CHANNEL_LABELS,
  type Channel,
  type ItemKind,
  type Validity,
  ARTICLE_20_CATEGORIES,
} from './categories.js';

export interface RegisterEntry {
  id: string;
  kind: ItemKind;
  /** 'published' | 'withdrawn' | … — only published items count. */
  status: string;
  publishedOn: string | null;
  writtenOn: string | null;
  validity: Validity | null;
  validityChangedOn: string | null;
  article20Category: string;
  channels: readonly Channel[];
}

export interface TracedFigure {
  value: number;
  itemIds: string[];
}

export interface Table2Article20Item1 {
  regulations: { issued: TracedFigure; repealed: TracedFigure; in_force: TracedFigure };
  normative_documents: { issued: TracedFigure; repealed: TracedFigure; in_force: TracedFigure };
}

const year = (date: string | null) => (date ? Number(date.slice(0, 4)) : null);

function traced(
  entries: readonly RegisterEntry[],
  test: (e: RegisterEntry) => boolean,
): TracedFigure {
  const itemIds = entries
    .filter(test)
    .map((e) => e.id)
    .sort();
  return { value: itemIds.length, itemIds };
}

/**
 * 本年制发: published in the year (the 发布日期; a document is 制发 when it goes out).
 * 本年废止: repealed (or expired) within the year. 现行有效: in force at the year's end —
 * published by 31 December and not repealed, expired or amended by then.
 */
export function computeTable2Item1(
  entries: readonly RegisterEntry[],
  reportYear: number,
): Table2Article20Item1 {
  const end = `${reportYear}-12-31`;
  const of = (kind: ItemKind) => {
    const docs = entries.filter(
      (e) => e.kind === kind && e.status === 'published' && e.publishedOn,
    );
    return {
      issued: traced(docs, (e) => year(e.publishedOn) === reportYear),
      repealed: traced(
        docs,
        (e) =>
          (e.validity === 'repealed' || e.validity === 'expired') &&
          year(e.validityChangedOn) === reportYear,
      ),
      in_force: traced(
        docs,
        (e) =>
          e.publishedOn! <= end &&
          (e.validity === 'in_force' ||
            e.validity === null ||
            (e.validityChangedOn !== null && e.validityChangedOn > end)),
      ),
    };
  };
  return { regulations: of('regulation'), normative_documents: of('normative') };
}

/** "全年主动公开政府信息N条，其中…" for section 一, from the items published in the year. */
export function sectionOneSentence(entries: readonly RegisterEntry[], reportYear: number): string {
  const published = entries.filter(
    (e) => e.status === 'published' && year(e.publishedOn) === reportYear,
  );
  if (published.length === 0) return `${reportYear}年未主动公开政府信息。`;
  const byCategory = ARTICLE_20_CATEGORIES.map((c) => ({
    c,
    n: published.filter((e) => e.article20Category === c.key).length,
  }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.c.label}${x.n}条`);
  const byChannel = (Object.keys(CHANNEL_LABELS) as Channel[])
    .map((ch) => ({ ch, n: published.filter((e) => e.channels.includes(ch)).length }))
    .filter((x) => x.n > 0)
    .map((x) => `通过${CHANNEL_LABELS[x.ch]}发布${x.n}条`);
  const interpretations = published.filter((e) => e.kind === 'interpretation').length;
  return (
    `全年主动公开政府信息${published.length}条，其中${byCategory.join('，')}。` +
    (byChannel.length ? `${byChannel.join('，')}。` : '') +
    (interpretations ? `发布政策解读${interpretations}条。` : '')
  );
}
