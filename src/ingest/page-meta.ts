/**
 * The publication date a web page declares in its metadata rather than in its text: the
 * `<meta name="PubDate">` of the 政府网站 template (政府网站发展指引), Open Graph's
 * `article:published_time`, Dublin Core's issued date, schema.org's datePublished. It is the
 * least trusted of the sources (see DATE_TRUST in core/ingest/metadata.ts): used only when the
 * report's text, the page's 发布时间 and the 落款 give none.
 */
import type { PublicationDate } from '../core/ingest/metadata.js';
import { isoDate } from '../core/ingest/text.js';

/** The names that carry the publication date, the 政府网站 template's first. */
const DATE_NAMES = [
  'pubdate',
  'publishdate',
  'article:published_time',
  'dcterms.issued',
  'dc.date.issued',
  'datepublished',
] as const;

/** How far into the page metadata is looked for (the head; a page's body is not searched). */
const HEAD_LIMIT = 64 * 1024;

const META_TAG = /<meta\b[^<>]*>/gi;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))/g;

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE))
    attributes.set(m[1]!.toLowerCase(), (m[2] ?? m[3] ?? m[4] ?? '').trim());
  return attributes;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The day of a metadata value: "2023-02-20 15:07", "2023/02/20", "2023年02月20日", or an
 * instant with its offset ("2023-02-19T23:30:00Z"), taken as the day in China (UTC+8).
 */
export function dayOfMetaValue(value: string): string | null {
  const instant =
    /^((?:19|20)\d{2})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.exec(
      value,
    );
  if (instant) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return null;
    return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  }
  const m = /^((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?![\d])/.exec(value);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The publication date the page's metadata declares, or null. */
export function pageMetadataDate(html: string): PublicationDate | null {
  const head = html.slice(0, HEAD_LIMIT);
  const found = new Map<string, string>();
  for (const tag of head.match(META_TAG) ?? []) {
    const attributes = attributesOf(tag);
    const name = (
      attributes.get('name') ??
      attributes.get('property') ??
      attributes.get('itemprop') ??
      ''
    ).toLowerCase();
    const content = attributes.get('content');
    if (!content || found.has(name) || !(DATE_NAMES as readonly string[]).includes(name)) continue;
    const day = dayOfMetaValue(content);
    if (day) found.set(name, day);
  }
  for (const name of DATE_NAMES) {
    const date = found.get(name);
    if (date) return { date, source: 'page-metadata', line: null };
  }
  return null;
}
