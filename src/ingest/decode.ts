/**
 * Turning the bytes of a text or HTML file into text: UTF-8 (with or without BOM), UTF-16 (with
 * BOM, or recognisably without), GB18030/GBK/GB2312. Never silently: a file that no encoding
 * decodes cleanly is decoded with replacement characters and a finding says so.
 */
import type { Finding } from '../core/report/findings.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: TextEncoding;
  findings: Finding[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const strictGb18030 = new TextDecoder('gb18030', { fatal: true });
const looseUtf8 = new TextDecoder('utf-8');
const looseGb18030 = new TextDecoder('gb18030');

/**
 * The first `limit` bytes as a Buffer over the same memory (no copy), for its indexOf: a native
 * search (memchr, memmem), several times faster than a typed array's indexOf.
 */
export function headOf(bytes: Uint8Array, limit: number): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, limit));
}

/** Whether most of the even (or odd) bytes are zero: UTF-16 text of mostly ASCII. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  if (headOf(bytes, n).indexOf(0) < 0) return null; // no zero byte: not UTF-16 of ASCII
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Characters controlRatio counts (checked first, natively: most text has none). */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\0-\x08\x0b\x0e-\x1f\ufffd]/;

/** Control characters other than tab, line feed, carriage return and form feed. */
function controlRatio(text: string): number {
  const sample = text.length > 4096 ? text.slice(0, 4096) : text;
  if (sample.length === 0 || !CONTROL.test(sample)) return 0;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / sample.length;
}

/** Words any annual report contains; a GB18030 reading without them is probably not GB18030. */
const EXPECTED_WORDS = /公开|政府|信息|报告|年度|申请/;

function decodeWith(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes a text file. `declared` is a charset the file names for itself (an HTML meta tag);
 * it is tried first.
 */
export function decodeText(bytes: Uint8Array, declared?: string): Decoded {
  const findings: Finding[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeWith('utf-8', bytes.subarray(3));
    if (text !== null) return { text, encoding: 'utf-8-bom', findings };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      findings,
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      findings,
    };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, findings };

  if (declared) {
    const label = /^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/i.test(declared)
      ? 'gb18030'
      : declared.toLowerCase();
    if (label === 'gb18030') {
      const text = decodeWith('gb18030', bytes);
      if (text !== null) return { text, encoding: 'gb18030', findings };
    } else if (label === 'utf-8' || label === 'utf8') {
      const text = decodeWith('utf-8', bytes);
      if (text !== null) return { text, encoding: 'utf-8', findings };
    }
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8', findings };
  } catch {
    // Not UTF-8: try the Chinese national encoding.
  }
  let gb: string | null = null;
  try {
    gb = strictGb18030.decode(bytes);
  } catch {
    // Neither decodes cleanly.
  }
  if (gb !== null) {
    if (!EXPECTED_WORDS.test(gb)) {
      // Big5 and other double-byte encodings also decode as GB18030, into nonsense.
      findings.push({
        code: 'unreadable-file',
        severity: 'warning',
        location: {},
        message:
          '文件不是 UTF-8 编码，已按 GB18030/GBK 读取，但其中没有年度报告常见的字词（如“政府信息公开”），编码可能不对（例如繁体 Big5），读出的文字可能是乱码；请用正确的编码另存（建议 UTF-8）后重新读取。',
      });
    }
    return { text: gb, encoding: 'gb18030', findings };
  }
  // Neither decodes cleanly (a stray byte, a file joined from two encodings): the reading with
  // fewer undecodable bytes, and a finding that says how many and where the first one is.
  const utf8 = looseUtf8.decode(bytes);
  const gbLoose = looseGb18030.decode(bytes);
  const utf8Bad = countReplacements(utf8);
  const gbBad = countReplacements(gbLoose);
  const useGb = gbBad < utf8Bad && EXPECTED_WORDS.test(gbLoose);
  const text = useGb ? gbLoose : utf8;
  const bad = useGb ? gbBad : utf8Bad;
  const name = useGb ? 'GB18030/GBK' : 'UTF-8';
  const first = text.indexOf('\ufffd');
  const line = first < 0 ? undefined : lineAt(text, first);
  findings.push({
    code: 'unreadable-file',
    severity: 'warning',
    location: line === undefined ? {} : { line },
    message: `文件既不是有效的 UTF-8 也不是有效的 GB18030/GBK 编码，已按 ${name} 读取，其中 ${bad} 处无法识别的字节显示为“\ufffd”${line === undefined ? '' : `（第一处在第 ${line} 行）`}，这些位置的文字可能有误；请对照原件核对，或用正确的编码另存（建议 UTF-8）后重新读取。`,
  });
  return { text, encoding: useGb ? 'gb18030' : 'utf-8', findings };
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) count++;
  return count;
}

/** The line (from 1) a character offset is on. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Whether decoded text is really binary data (a file of another kind with a text name). */
export function looksBinary(bytes: Uint8Array, text: string): boolean {
  const hasZero = headOf(bytes, 8192).indexOf(0) >= 0;
  if (
    hasZero &&
    !utf16WithoutBom(bytes) &&
    !(bytes[0] === 0xff && bytes[1] === 0xfe) &&
    !(bytes[0] === 0xfe && bytes[1] === 0xff)
  ) {
    return true;
  }
  return controlRatio(text) > 0.1;
}
