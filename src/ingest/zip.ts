/**
 * Just enough of the ZIP format to take one part out of a DOCX: the central directory, stored
 * and deflated entries, with the size of what is inflated capped (a zip bomb is refused).
 */
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  constructor(
    readonly reason: 'not-zip' | 'encrypted' | 'unsupported' | 'too-large' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/** The entries of a ZIP archive, read from its central directory. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) {
    throw new ZipError('not-zip', '不是 ZIP 格式');
  }
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('corrupt', '找不到 ZIP 目录（文件可能不完整）');
  const count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (offset === 0xffffffff || count === 0xffff)
    throw new ZipError('unsupported', '不支持 ZIP64 格式');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (offset + 46 > bytes.length || u32(bytes, offset) !== 0x02014b50) {
      throw new ZipError('corrupt', 'ZIP 目录已损坏（文件可能不完整）');
    }
    const nameLength = u16(bytes, offset + 28);
    const extraLength = u16(bytes, offset + 30);
    const commentLength = u16(bytes, offset + 32);
    entries.push({
      flags: u16(bytes, offset + 8),
      method: u16(bytes, offset + 10),
      compressedSize: u32(bytes, offset + 20),
      size: u32(bytes, offset + 24),
      localOffset: u32(bytes, offset + 42),
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one entry, inflated; at most `maxSize` bytes. */
export function zipRead(bytes: Uint8Array, entry: ZipEntry, maxSize: number): Uint8Array {
  if (entry.flags & 1) throw new ZipError('encrypted', '文件已加密（设有密码）');
  if (entry.size > maxSize)
    throw new ZipError('too-large', `解压后超过 ${Math.round(maxSize / 1e6)} MB`);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) {
    throw new ZipError('corrupt', 'ZIP 内容已损坏（文件可能不完整）');
  }
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('corrupt', 'ZIP 内容被截断（文件不完整）');
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipError('unsupported', `不支持的压缩方式 ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: maxSize });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipError('too-large', `解压后超过 ${Math.round(maxSize / 1e6)} MB`);
    }
    throw new ZipError('corrupt', 'ZIP 内容无法解压（文件已损坏）');
  }
}
