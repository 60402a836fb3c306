/**
 * Reading a report file's bytes, or saying why they cannot be had: only regular files are
 * opened (a pipe or a device would never end), and never more than the limit is read, even from
 * a file that grows while it is read.
 *
 * Synchronous, for a reading thread, which does nothing else while it reads a file (each
 * asynchronous step would be a round trip through libuv's thread pool, and they cost a reading
 * thread more waiting than reading the file did).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { DEFAULT_MAX_BYTES } from './limits.js';

export type ReportBytes = { bytes: Uint8Array } | { error: string };

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const tooLarge = (what: string, maxBytes: number) =>
  `${what}，超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限，未读取；年度报告通常不到 5 MB，请确认文件是否正确。`;

/** Why a path that is not a regular file is not read. */
function notAFile(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return '这是一个文件夹，不是文件';
  if (info.isFIFO()) return '这是一个命名管道，不是普通文件';
  if (info.isSocket()) return '这是一个套接字，不是普通文件';
  if (info.isCharacterDevice() || info.isBlockDevice()) return '这是一个设备，不是普通文件';
  return '这不是普通文件';
}

/** Why a file, by what stat says of it, is not read; null when it may be. */
function refusal(info: Stats, maxBytes: number): string | null {
  const other = notAFile(info);
  if (other) return `无法读取文件（${other}）。`;
  if (info.size > maxBytes) return tooLarge(`文件有 ${megabytes(info.size)} MB`, maxBytes);
  return null;
}

/**
 * Why a path cannot be read, by the system's error (for a person: what is wrong, what to do);
 * another error is said by its code, one without a code by its message.
 */
export function unreadableReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限，请检查文件的权限';
    case 'ENOENT':
      return '找不到文件，请检查路径是否正确';
    case 'ELOOP':
      return '符号链接循环，请检查链接指向';
    case 'ENAMETOOLONG':
      return '路径或文件名过长，请缩短路径后重试';
    case 'EISDIR':
      return '这是一个文件夹，不是文件，请指定其中的文件';
    case 'ENOTDIR':
      return '路径中有一段不是文件夹，请检查路径是否正确';
    case 'EIO':
      return '读取时发生输入输出错误，请检查磁盘或网络存储后重试';
    case undefined:
      return `读取时出错（${error instanceof Error ? error.message : String(error)}），请确认路径和文件是否可读`;
    default:
      return `系统错误（${code}），请确认路径和文件是否可读`;
  }
}

function failure(error: unknown): { error: string } {
  return { error: `无法读取文件（${unreadableReason(error)}）。` };
}

/**
 * Reading to the end, in pieces, and never past the limit (a file can grow after stat): yields
 * each buffer to fill from the file's current position, is given how many bytes were read into
 * it, and returns the bytes or why they are refused.
 */
function* pieces(size: number, maxBytes: number): Generator<Uint8Array, ReportBytes, number> {
  const read: Uint8Array[] = [];
  let total = 0;
  // One byte more than stat says, so that the first read can already show the end.
  let length = Math.min(Math.max(size + 1, 4096), maxBytes + 1);
  for (;;) {
    const piece = new Uint8Array(length);
    const bytesRead = yield piece;
    if (bytesRead === 0) break;
    read.push(bytesRead === piece.length ? piece : piece.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return { error: tooLarge('文件在读取时仍在变大', maxBytes) };
    // After a short read the next one almost always only confirms the end: a small buffer for
    // it (a megabyte each time, zeroed and freed, cost more than reading the file did).
    length = Math.min(bytesRead < piece.length ? 4096 : 1024 * 1024, maxBytes + 1 - total);
  }
  if (read.length === 1) return { bytes: read[0]! };
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const piece of read) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return { bytes };
}

/** Opened without waiting: a pipe made after the stat must not hold the thread at open. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The bytes of a report file, or why they cannot be had. */
export function readReportBytesSync(
  path: string,
  maxBytes: number = DEFAULT_MAX_BYTES,
): ReportBytes {
  try {
    const refused = refusal(statSync(path), maxBytes);
    if (refused) return { error: refused };
    const fd = openSync(path, OPEN_FLAGS);
    try {
      // What was opened, not what the name was a moment ago.
      const info = fstatSync(fd);
      const changed = refusal(info, maxBytes);
      if (changed) return { error: changed };
      const reading = pieces(info.size, maxBytes);
      let step = reading.next();
      while (!step.done) step = reading.next(readSync(fd, step.value, 0, step.value.length, null));
      return step.value;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return failure(error);
  }
}
