/**
 * Scans of what arrived on paper — the incoming letter, its envelope (the postmark and the
 * signature for registered mail decide the receipt date, 条例第三十一条) — kept with the case.
 * The type is read from the file's first bytes, not from its name or the browser's word; the
 * bytes are stored once by their SHA-256.
 */
import { createHash, randomUUID } from 'node:crypto';
import { invalidField, notFound } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import { putBlob } from '../../store/repositories/blobs.js';
import * as repo from '../../store/repositories/letter-numbers.js';
import { findApplicationOfAgency } from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';

export const ATTACHMENT_KINDS = { letter: '来信', envelope: '信封', other: '其他材料' } as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

/** 20 MB: a scanned letter at 300 dpi is well under; a larger file is not a scan of a letter. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

const SIGNATURES: { mediaType: string; label: string; ext: string; bytes: number[] }[] = [
  { mediaType: 'application/pdf', label: 'PDF', ext: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mediaType: 'image/jpeg', label: 'JPEG', ext: 'jpg', bytes: [0xff, 0xd8, 0xff] },
  {
    mediaType: 'image/png',
    label: 'PNG',
    ext: 'png',
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
  { mediaType: 'image/tiff', label: 'TIFF', ext: 'tif', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { mediaType: 'image/tiff', label: 'TIFF', ext: 'tif', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];

/** The media type of a scan by its first bytes, or null when it is none of PDF/JPEG/PNG/TIFF. */
export function sniffScan(bytes: Uint8Array): { mediaType: string; ext: string } | null {
  const hit = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  return hit ? { mediaType: hit.mediaType, ext: hit.ext } : null;
}

export interface AttachmentView {
  id: string;
  kind: AttachmentKind;
  kindLabel: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  note: string | null;
  at: string;
  by: string;
}

export async function listAttachmentViews(
  db: Db,
  applicationId: string,
): Promise<AttachmentView[]> {
  return (await repo.listAttachments(db, applicationId)).map((a) => ({
    id: a.id,
    kind: a.kind as AttachmentKind,
    kindLabel: ATTACHMENT_KINDS[a.kind as AttachmentKind] ?? a.kind,
    filename: a.filename,
    mediaType: a.media_type,
    size: Number(a.size),
    sha256: a.blob_sha256,
    note: a.note,
    at: a.created_at,
    by: a.created_by,
  }));
}

export async function addAttachment(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  applicationId: string,
  input: { kind: string; filename: string; bytes: Uint8Array; note?: string },
): Promise<AttachmentView[]> {
  if (!(input.kind in ATTACHMENT_KINDS)) {
    throw invalidField('kind', '请选择材料类型：来信、信封或其他材料。');
  }
  if (input.bytes.byteLength === 0)
    throw invalidField('file', '所选文件是空的，请重新选择扫描件。');
  if (input.bytes.byteLength > ATTACHMENT_MAX_BYTES) {
    throw invalidField(
      'file',
      `扫描件不能超过 20 MB（所选文件 ${(input.bytes.byteLength / 1024 / 1024).toFixed(1)} MB），请降低扫描分辨率后重试。`,
    );
  }
  const type = sniffScan(input.bytes);
  if (!type) {
    throw invalidField(
      'file',
      '只能上传 PDF、JPEG、PNG 或 TIFF 格式的扫描件：所选文件不是这几种格式。',
    );
  }
  // Control characters and path separators have no place in a name shown to people.
  const cleaned = [...input.filename]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '/' || c === '\\' ? '_' : c))
    .join('')
    .trim()
    .slice(0, 200);
  const filename = cleaned || `扫描件.${type.ext}`;
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    const row = await findApplicationOfAgency(t, agencyId, applicationId);
    if (!row) throw notFound('申请');
    await putBlob(t, input.bytes, type.mediaType, now.toISOString());
    const id = randomUUID();
    await repo.insertAttachment(t, {
      id,
      application_id: applicationId,
      agency_id: agencyId,
      kind: input.kind,
      filename,
      media_type: type.mediaType,
      size: input.bytes.byteLength,
      blob_sha256: sha256,
      note: input.note?.trim() || null,
      created_at: now.toISOString(),
      created_by: actorLabel(actor),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'application.attachment.add',
      entityType: 'application',
      entityId: applicationId,
      agencyId,
      after: { attachmentId: id, kind: input.kind, filename, sha256, size: input.bytes.byteLength },
    });
  });
  return listAttachmentViews(ctx.store.db, applicationId);
}

export async function attachmentFile(
  db: Db,
  agencyId: string,
  applicationId: string,
  attachmentId: string,
): Promise<{ bytes: Uint8Array; mediaType: string; filename: string }> {
  const a = await repo.findAttachment(db, agencyId, applicationId, attachmentId);
  if (!a) throw notFound('附件');
  return { bytes: new Uint8Array(a.bytes), mediaType: a.media_type, filename: a.filename };
}
