/**
 * Where a report's publication date was read, from the most trusted to the least: a date the
 * report gives itself under its title, the web page's 发布时间 (breadcrumb or field line), the
 * date of the 落款, and the page's own metadata (`<meta name="PubDate">`,
 * `article:published_time`).
 */
export type DateSource = 'text' | 'breadcrumb' | 'closing' | 'page-metadata';

export const DATE_TRUST: readonly DateSource[] = ['text', 'breadcrumb', 'closing', 'page-metadata'];

/** Each source as people read it ("发布日期：2024-01-11（取自落款日期）"). */
export const DATE_SOURCE_NAMES: Record<DateSource, string> = {
  text: '报告标题下注明的日期',
  breadcrumb: '网页上的发布时间',
  closing: '落款日期',
  'page-metadata': '网页元数据（meta 标签）',
};

export interface PublicationDate {
  /** YYYY-MM-DD. */
  date: string;
  source: DateSource;
  /** The source line the date was read from; null for the page's metadata. */
  line: number | null;
}
