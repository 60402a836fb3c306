/**
 * Attachments of an item: PDF, DOCX, XLSX and images. The type is read from the content, not
 * the name; the size is limited; a DOCX/XLSX is opened with its expanded size bounded (a zip
 * bomb is refused); the text of PDF, DOCX and XLSX is read for search. Bytes are stored once by
 * their SHA-256 (the `blob` table). Every refusal names the file and the limit.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError, invalidField, notFound } from '../../core/errors.js';
import { withoutControls } from '../../core/proactive/search-query.js';
import { docxToLines } from '../../ingest/docx.js';
import { pdfToLines } from '../../ingest/pdf.js';
import { zipEntries, zipRead, ZipError } from '../../ingest/zip.js';
import type { Db } from '../../store/database.js';
import { getBlob, putBlob } from '../../store/repositories/blobs.js';
import * as repo from '../../store/repositories/proactive.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { getItem } from './items.js';
import { toAttachment, type Attachment } from './model.js';
import { indexItem } from './search.js';

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** A DOCX/XLSX larger than this once expanded, or expanding more than 100 times, is refused. */
const EXPANDED_MAX_BYTES = 100 * 1024 * 1024;
const MAX_RATIO = 100;

type Kind = { ext: string[]; mediaType: string; label: string };
const KINDS: Record<string, Kind> = {
  pdf: { ext: ['pdf'], mediaType: 'application/pdf', label: 'PDF' },
  docx: {
    ext: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word（DOCX）',
  },
  xlsx: {
    ext: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel（XLSX）',
  },
  png: { ext: ['png'], mediaType: 'image/png', label: 'PNG 图片' },
  jpeg: { ext: ['jpg', 'jpeg'], mediaType: 'image/jpeg', label: 'JPEG 图片' },
  gif: { ext: ['gif'], mediaType: 'image/gif', label: 'GIF 图片' },
};
export const ALLOWED_EXTENSIONS = Object.values(KINDS).flatMap((k) => k.ext);

const starts = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What the bytes are, by their content (null when none of the allowed types). */
function sniff(bytes: Uint8Array, name: string): keyof typeof KINDS | null {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    let names: string[];
    try {
      names = zipEntries(bytes).map((e) => e.name);
    } catch {
      throw invalidField('file', `“${name}”已损坏，无法作为 Office 文档打开。`);
    }
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/**
 * The entries of a DOCX/XLSX whose declared expanded size is within bounds; a zip bomb is
 * refused with the file's name and the limit. (Each part read later is inflated with a cap too,
 * so a lying header cannot get past.)
 */
export function refuseZipBomb(bytes: Uint8Array, name: string) {
  const entries = zipEntries(bytes);
  const expanded = entries.reduce((s, e) => s + e.size, 0);
  if (expanded > EXPANDED_MAX_BYTES || expanded > bytes.length * MAX_RATIO + 10 * 1024 * 1024) {
    throw invalidField(
      'file',
      `“${name}”解压后达 ${Math.round(expanded / 1e6)} MB（压缩比异常，上限 ${EXPANDED_MAX_BYTES / 1024 / 1024} MB），疑似压缩炸弹，未上传。`,
    );
  }
  return entries;
}

/** The readable text of a file (empty for images); refuses a zip bomb with the file's name. */
async function extractText(kind: string, bytes: Uint8Array, name: string): Promise<string> {
  try {
    if (kind === 'docx' || kind === 'xlsx') {
      const entries = refuseZipBomb(bytes, name);
      if (kind === 'docx') return docxToLines(bytes, EXPANDED_MAX_BYTES).lines.join('\n');
      const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
      if (!shared) return '';
      const xml = new TextDecoder().decode(zipRead(bytes, shared, EXPANDED_MAX_BYTES));
      return [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => decodeXml(m[1]!)).join('\n');
    }
    if (kind === 'pdf') return (await pdfToLines(bytes, { timeoutMs: 20_000 })).lines.join('\n');
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof ZipError && error.reason === 'too-large') {
      throw invalidField(
        'file',
        `“${name}”解压后超过 ${EXPANDED_MAX_BYTES / 1024 / 1024} MB，疑似压缩炸弹，未上传。`,
      );
    }
    // A PDF without a text layer (a scan) is still a valid attachment; it is just not searchable.
    if (kind === 'pdf') return '';
    throw invalidField(
      'file',
      `“${name}”已损坏或已加密，无法读取其中的文字；请用 Office 或 WPS 打开后另存为新文件（不设密码），再上传。`,
    );
  }
  return '';
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A file name fit to show: no path, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return withoutControls(base, '_').replace(/[<>"]/g, '_').trim().slice(0, 200) || '附件';
}

export async function addAttachment(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  itemId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<Attachment> {
  const name = cleanFilename(file.name);
  if (file.bytes.length === 0) throw invalidField('file', `“${name}”是空文件。`);
  if (file.bytes.length > ATTACHMENT_MAX_BYTES) {
    throw invalidField(
      'file',
      `“${name}”有 ${(file.bytes.length / 1024 / 1024).toFixed(1)} MB，超过附件大小上限 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB。`,
    );
  }
  const ext = (name.match(/\.([A-Za-z0-9]+)$/)?.[1] ?? '').toLowerCase();
  if (!ALLOWED_EXTENSIONS.includes(ext)) {
    throw invalidField(
      'file',
      `“${name}”的类型不允许上传；附件只能是 PDF、DOCX、XLSX 或 PNG/JPEG/GIF 图片。`,
    );
  }
  const kind = sniff(file.bytes, name);
  if (!kind || !KINDS[kind]!.ext.includes(ext)) {
    throw invalidField(
      'file',
      `“${name}”的内容${kind ? `是${KINDS[kind]!.label}` : '不是允许的文件类型'}，与扩展名 .${ext} 不符；请上传真实的 ${ext.toUpperCase()} 文件。`,
    );
  }
  const item = await getItem(ctx.store.db, agencyId, itemId);
  if (item.status !== 'draft')
    throw new AppError('invalid_transition', '只有草稿可以添加附件；已发布的信息请先更正。');
  const text = (await extractText(kind, file.bytes, name)).slice(0, 2_000_000);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const sha256 = await putBlob(t, file.bytes, KINDS[kind]!.mediaType, now.toISOString());
    const row = {
      id: randomUUID(),
      item_id: itemId,
      filename: name,
      sha256,
      media_type: KINDS[kind]!.mediaType,
      size: file.bytes.length,
      text,
      removed: 0,
      created_at: now.toISOString(),
      created_by: actorLabel(actor),
    };
    await repo.insertAttachment(t, row);
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.attachment_add',
      entityType: 'proactive_item',
      entityId: itemId,
      agencyId,
      after: { filename: name, sha256, size: row.size },
    });
    const current = await getItem(t, agencyId, itemId);
    if (current.status === 'published') await indexItem(ctx, t, current);
    return toAttachment(row);
  });
}

export async function listItemAttachments(db: Db, itemId: string): Promise<Attachment[]> {
  return (await repo.listAttachments(db, itemId)).map(toAttachment);
}

export async function removeItemAttachment(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  itemId: string,
  attachmentId: string,
): Promise<void> {
  await ctx.store.transaction(async (t) => {
    const item = await getItem(t, agencyId, itemId);
    if (item.status !== 'draft') throw new AppError('invalid_transition', '只有草稿可以删除附件。');
    const row = await repo.findAttachment(t, itemId, attachmentId);
    if (!row) throw notFound('附件');
    await repo.removeAttachment(t, itemId, attachmentId);
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'proactive.attachment_remove',
      entityType: 'proactive_item',
      entityId: itemId,
      agencyId,
      before: { filename: row.filename, sha256: row.sha256 },
    });
  });
}

/** The bytes of an attachment, for download. */
export async function attachmentFile(db: Db, itemId: string, attachmentId: string) {
  const row = await repo.findAttachment(db, itemId, attachmentId);
  if (!row) throw notFound('附件');
  const blob = await getBlob(db, row.sha256);
  if (!blob) throw notFound('附件内容');
  return { filename: row.filename, mediaType: row.media_type, bytes: new Uint8Array(blob.bytes) };
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
