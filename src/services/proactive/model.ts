/** Proactive items as the services give them out: rows mapped to domain types. */
import sanitizeHtml from 'sanitize-html';
import type {
  Article20Category,
  Channel,
  InterpretationForm,
  ItemKind,
  Validity,
} from '../../core/proactive/categories.js';
import { withoutControls } from '../../core/proactive/search-query.js';
import type { AttachmentRow, ItemRow } from '../../store/repositories/proactive.js';

export type ItemStatus = 'draft' | 'in_review' | 'approved' | 'published' | 'withdrawn';
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  in_review: '审查中',
  approved: '审查通过待发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export interface ProactiveItem {
  id: string;
  agencyId: string;
  indexNumber: string;
  kind: ItemKind;
  title: string;
  bodyHtml: string;
  summary: string;
  documentNumber: string | null;
  issuingBody: string;
  writtenOn: string | null;
  publishedOn: string | null;
  topic: string;
  genre: string;
  article20Category: Article20Category;
  channels: Channel[];
  validity: Validity | null;
  validityChangedOn: string | null;
  successorId: string | null;
  policyId: string | null;
  interpretationForm: InterpretationForm | null;
  catalogueEntryId: string | null;
  status: ItemStatus;
  version: number;
  withdrawnReason: string | null;
  withdrawnAt: string | null;
  authorUserId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Attachment {
  id: string;
  filename: string;
  sha256: string;
  mediaType: string;
  size: number;
  /** Characters of text read from it (searchable). */
  textLength: number;
}

export const toItem = (row: ItemRow): ProactiveItem => ({
  id: row.id,
  agencyId: row.agency_id,
  indexNumber: row.index_number,
  kind: row.kind as ItemKind,
  title: row.title,
  bodyHtml: row.body_html,
  summary: row.summary,
  documentNumber: row.document_number,
  issuingBody: row.issuing_body,
  writtenOn: row.written_on,
  publishedOn: row.published_on,
  topic: row.topic,
  genre: row.genre,
  article20Category: row.article20_category as Article20Category,
  channels: JSON.parse(row.channels) as Channel[],
  validity: row.validity as Validity | null,
  validityChangedOn: row.validity_changed_on,
  successorId: row.successor_id,
  policyId: row.policy_id,
  interpretationForm: row.interpretation_form as InterpretationForm | null,
  catalogueEntryId: row.catalogue_entry_id,
  status: row.status as ItemStatus,
  version: row.version,
  withdrawnReason: row.withdrawn_reason,
  withdrawnAt: row.withdrawn_at,
  authorUserId: row.author_user_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toAttachment = (row: AttachmentRow): Attachment => ({
  id: row.id,
  filename: row.filename,
  sha256: row.sha256,
  mediaType: row.media_type,
  size: row.size,
  textLength: row.text.length,
});

/**
 * The body as stored: rich text reduced to a safe subset (no script, no event handler, no
 * style, links only to http(s)/mailto). Sanitised on save, so every reader gets safe HTML.
 */
export function sanitiseBody(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'strong',
      'b',
      'em',
      'i',
      'u',
      'h2',
      'h3',
      'h4',
      'ul',
      'ol',
      'li',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'a',
      'blockquote',
    ],
    allowedAttributes: { a: ['href'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  }).trim();
}

/** The body's text, for search and snippets. */
export function bodyText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h\d|li|tr|blockquote)>|<br\s*\/?>/gi, '$&\n'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** A single line of plain text: control characters and surrounding space removed. */
export function plainLine(text: string, max: number): string {
  return withoutControls(text, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}
