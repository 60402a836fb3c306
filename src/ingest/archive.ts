/**
 * The files of a bulk upload: a ZIP is opened (with src/ingest/zip.ts) and each entry becomes a
 * file to read — or is refused with its reason, while the others are read: a nested archive, a
 * name that climbs out of the archive (../, an absolute path), an entry past the count limit,
 * one that expands beyond the size limit, an encrypted one. A DOCX is a ZIP too, and is a file
 * to read, never opened as an archive here. Names written in GB18030 by Chinese Windows tools
 * (without the ZIP's UTF-8 flag) are decoded as such.
 */
import iconv from 'iconv-lite';
import { zipEntries, ZipError, zipRead, type ZipEntry } from './zip.js';

export interface ArchiveLimits {
  /** The largest file, expanded (bytes). */
  maxFileBytes: number;
  /** All files of one upload together, expanded (bytes). */
  maxTotalBytes: number;
  /** Files read from one upload; the rest are refused with the reason. */
  maxFiles: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxFiles: 1000,
};

export type UploadedFile =
  | { name: string; bytes: Uint8Array; refusal?: undefined }
  | { name: string; size: number; refusal: string; bytes?: undefined };

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((b, i) => bytes[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OTHER_ARCHIVES: { name: string; signature: number[] }[] = [
  { name: 'RAR', signature: [0x52, 0x61, 0x72, 0x21] },
  { name: '7z', signature: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'gzip', signature: [0x1f, 0x8b] },
  { name: 'bzip2', signature: [0x42, 0x5a, 0x68] },
  { name: 'xz', signature: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
];
const ARCHIVE_NAME = /\.(zip|rar|7z|tar|tgz|gz|bz2|xz)$/i;

/** Whether a ZIP is an Office document (a file to read) rather than an archive of files. */
function isOfficeDocument(bytes: Uint8Array): boolean {
  try {
    return zipEntries(bytes).some(
      (e) => e.name === '[Content_Types].xml' || e.name.startsWith('word/'),
    );
  } catch {
    return false;
  }
}

/** Whether bytes are an archive to open (a ZIP that is not a DOCX). */
export function isArchive(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP) && !isOfficeDocument(bytes);
}

/** Why an entry is an archive inside the archive, or null. */
function nestedArchive(name: string, bytes: Uint8Array | null): string | null {
  if (bytes && startsWith(bytes, ZIP) && !isOfficeDocument(bytes)) return 'ZIP';
  const other = bytes ? OTHER_ARCHIVES.find((a) => startsWith(bytes, a.signature)) : undefined;
  if (other) return other.name;
  if (ARCHIVE_NAME.test(name) && !(bytes && startsWith(bytes, ZIP))) return '压缩';
  return null;
}

/** The entry's name as written: UTF-8 when flagged (or valid), else GB18030. */
function entryName(bytes: Uint8Array, entry: ZipEntry): string {
  if (entry.flags & 0x800) return entry.name;
  const local = entry.localOffset;
  if (local + 30 > bytes.length) return entry.name;
  const length = u16(bytes, local + 26);
  const raw = bytes.subarray(local + 30, local + 30 + length);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return iconv.decode(Buffer.from(raw), 'gb18030');
  }
}

/** Why a name may not be used: it climbs out of the archive or is absolute. */
function unsafeName(name: string): string | null {
  if (name.includes('\u0000')) return '文件名含有空字符';
  const parts = name.split(/[/\\]/);
  if (/^([/\\]|[A-Za-z]:)/.test(name)) return '文件名是绝对路径';
  if (parts.includes('..')) return '文件名含有上级目录“..”';
  return null;
}

const megabytes = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * The files of an archive, each read or refused with its reason; the whole archive refused
 * (one entry with the reason) when it cannot be opened at all.
 */
export function expandArchive(
  archiveName: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): UploadedFile[] {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch (error) {
    const reason = error instanceof ZipError ? error.message : String(error);
    return [{ name: archiveName, size: bytes.length, refusal: `压缩包无法打开：${reason}。` }];
  }
  const files: UploadedFile[] = [];
  let read = 0;
  let total = 0;
  for (const entry of entries) {
    const name = entryName(bytes, entry);
    if (name.endsWith('/') || name.endsWith('\\')) continue; // a folder
    const shown = `${archiveName}/${name}`;
    const refuse = (reason: string) =>
      files.push({ name: shown, size: entry.size, refusal: reason });
    const unsafe = unsafeName(name);
    if (unsafe) {
      refuse(`${unsafe}，可能是恶意构造的压缩包，未读取。`);
      continue;
    }
    const base = name.split(/[/\\]/).pop() ?? name;
    if (base.startsWith('.') || name.startsWith('__MACOSX/')) continue; // system files
    if (read >= limits.maxFiles) {
      refuse(`一次上传最多读取 ${limits.maxFiles} 个文件，此文件未读取；请分批上传。`);
      continue;
    }
    if (entry.size > limits.maxFileBytes) {
      refuse(
        `解压后有 ${megabytes(entry.size)}，超过单个文件 ${megabytes(limits.maxFileBytes)} 的上限，未读取。`,
      );
      continue;
    }
    if (total + entry.size > limits.maxTotalBytes) {
      refuse(
        `压缩包解压后的总大小超过 ${megabytes(limits.maxTotalBytes)} 的上限，此文件未读取；请分批上传。`,
      );
      continue;
    }
    let content: Uint8Array;
    try {
      // Capped at the limit whatever the entry claims: a header that lies cannot make it grow.
      content = zipRead(bytes, entry, Math.min(limits.maxFileBytes, limits.maxTotalBytes - total));
    } catch (error) {
      const reason = error instanceof ZipError ? error.message : String(error);
      refuse(`无法解压：${reason}，未读取。`);
      continue;
    }
    const nested = nestedArchive(base, content);
    if (nested) {
      refuse(`这是压缩包中的${nested}压缩包，不再展开；请解压后把其中的文件直接上传。`);
      continue;
    }
    total += content.length;
    read++;
    files.push({ name: shown, bytes: content });
  }
  if (files.length === 0) {
    return [{ name: archiveName, size: bytes.length, refusal: '压缩包中没有文件。' }];
  }
  return files;
}

/** A file as uploaded: expanded when it is an archive, else the file itself (or refused). */
export function uploadedFiles(
  name: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): UploadedFile[] {
  if (isArchive(bytes)) return expandArchive(name, bytes, limits);
  const other = OTHER_ARCHIVES.find((a) => startsWith(bytes, a.signature));
  if (other) {
    return [
      {
        name,
        size: bytes.length,
        refusal: `这是 ${other.name} 压缩包，只能展开 ZIP；请解压后上传其中的文件，或改用 ZIP。`,
      },
    ];
  }
  return [{ name, bytes }];
}
