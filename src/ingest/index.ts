/**
 * Reading published annual reports: bytes and a file name in, the report model, the findings
 * and the source lines out. Text (any of the layouts the reader knows), HTML, DOCX and PDF, in
 * UTF-8, UTF-16 or GB18030. Never throws on bad input: a file that cannot be read gives a
 * `unreadable-file` finding with the reason, and the report is null.
 *
 * @example
 *   const result = await ingestFile(bytes, '中卫市科学技术局2023年报.docx');
 *   result.report?.tables.applications.received?.total; // the figure
 *   result.sourceLines['applications.received.total']; // the line it came from
 *   result.lines[line - 1];                                // that line's text
 */
import { locateFindings } from '../core/ingest/locate.js';
import { publicationDate, type PublicationDate } from '../core/ingest/metadata.js';
import { readReport, type ReadResult } from '../core/ingest/read.js';
import { textLines } from '../core/ingest/rows.js';
import type { SourceLines } from '../core/ingest/source.js';
import type { SourceRow } from '../core/ingest/source.js';
import type { Finding } from '../core/report/findings.js';
import type { AnnualReport } from '../core/report/model.js';
import { validateReport } from '../core/report/validate.js';
import { decodeText, headOf, looksBinary, type TextEncoding } from './decode.js';
import { pdfToLines, PdfError } from './pdf.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './limits.js';
import { ZipError } from './zip.js';
import { mergeFindings } from './merge-findings.js';

export type DocumentKind = 'text' | 'html' | 'docx' | 'pdf' | 'json';

export interface IngestOptions {
  /** Files larger than this are not read (a finding says so). Default 50 MB. */
  maxBytes?: number;
  /** Time allowed for a PDF (the only reader that is not bounded by its input). Default 30 s. */
  timeoutMs?: number;
  /** Run the annual-report validation and merge its findings (default true). */
  validate?: boolean;
}

export interface IngestResult {
  /** The file name as given. */
  file: string;
  /** What the file turned out to be, or null when it could not be read. */
  kind: DocumentKind | null;
  /** The encoding of a text or HTML file. */
  encoding: TextEncoding | null;
  report: AnnualReport | null;
  /** The reader's findings and the validation's, without duplicates, in reading order. */
  findings: Finding[];
  /** The source text: line n is lines[n - 1]. For HTML, DOCX and PDF, the text read from them. */
  lines: string[];
  /** Where each figure came from: "applications.received.total" → line number. */
  sourceLines: SourceLines;
  /** Where the publication date was read (the text, the page, the 落款, the page's metadata). */
  published?: PublicationDate | null;
}

export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS };
export { mergeFindings };

const unreadable = (message: string): Finding => ({
  code: 'unreadable-file',
  severity: 'error',
  location: {},
  message,
});

function failed(
  file: string,
  kind: DocumentKind | null,
  message: string,
  lines: string[] = [],
): IngestResult {
  return {
    file,
    kind,
    encoding: null,
    report: null,
    findings: [unreadable(message)],
    lines,
    sourceLines: {},
  };
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((b, i) => bytes[at + i] === b);

/** Whether these bytes occur within the first `limit` bytes. */
function hasBytes(bytes: Uint8Array, needle: readonly number[], limit: number): boolean {
  const head = headOf(bytes, limit);
  const end = head.length - needle.length;
  const first = needle[0]!;
  // Native search for the first byte (memchr), then the rest compared.
  for (let i = head.indexOf(first); i >= 0 && i <= end; i = head.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && head[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const CHARSET = [0x63, 0x68, 0x61, 0x72, 0x73, 0x65, 0x74]; // charset

function isPdf(bytes: Uint8Array): boolean {
  return hasBytes(bytes, PDF_SIGNATURE, 1024);
}

function looksLikeHtml(text: string, file: string): boolean {
  if (/\.x?html?$/i.test(file)) return true;
  const head = text.slice(0, 4096);
  if (!head.includes('<')) return false;
  return (
    /<!doctype html|<html[\s>]|<body[\s>]|<table[\s>]|<p[\s>]|<div[\s>]/i.test(head) &&
    /<\/\w+>/.test(head)
  );
}

function finish(
  file: string,
  kind: DocumentKind,
  encoding: TextEncoding | null,
  lines: string[],
  read: ReadResult,
  extra: readonly Finding[],
  options: IngestOptions,
  /** A date the document declares outside its text (a web page's metadata), least trusted. */
  declared: PublicationDate | null = null,
): IngestResult {
  const published = read.report ? publicationDate([read.published, declared]) : null;
  if (read.report && published && read.report.publishedOn === null)
    read.report.publishedOn = published.date;
  const readerFindings = [...extra, ...read.findings];
  const findings =
    read.report && options.validate !== false
      ? mergeFindings(
          readerFindings,
          locateFindings(validateReport(read.report), read.sourceLines, lines),
        )
      : readerFindings;
  return {
    file,
    kind,
    encoding,
    report: read.report,
    findings,
    lines,
    sourceLines: read.sourceLines,
    published,
  };
}

/** How many of a bad report JSON's problems the finding lists. */
const JSON_PROBLEMS_SHOWN = 5;

/**
 * gongkai's own report JSON (docs/report.schema.json), read as the report it is rather than as
 * text: the first non-blank character is "{" and the whole parses as JSON. Null otherwise.
 */
async function readReportJson(
  file: string,
  text: string,
  encoding: TextEncoding,
  options: IngestOptions,
): Promise<IngestResult | null> {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trimStart()[0] !== '{') return null;
  try {
    JSON.parse(source);
  } catch {
    return null;
  }
  const lines = source.split(/\r\n|\r|\n/);
  // The schema library is loaded for a JSON file only (a text report is read without it).
  const { parseReportJson } = await import('../core/report/schema.js');
  const { report, problems } = parseReportJson(source);
  if (!report) {
    const shown = problems.slice(0, JSON_PROBLEMS_SHOWN).map((p) => p.message.replace(/。$/, ''));
    const more =
      problems.length > shown.length ? `；另有 ${problems.length - shown.length} 处` : '';
    return {
      ...failed(
        file,
        'json',
        `文件是 JSON，但不是有效的年度报告 JSON（格式见 gongkai report schema）：${shown.join('；')}${more}。`,
        lines,
      ),
      encoding,
    };
  }
  const findings = options.validate === false ? [] : validateReport(report);
  return { file, kind: 'json', encoding, report, findings, lines, sourceLines: {} };
}

function readRows(rows: readonly SourceRow[]): ReadResult {
  return readReport(rows);
}

/** Reads one published report. Never throws; every failure is a finding. */
export async function ingestFile(
  bytes: Uint8Array,
  filename: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    if (bytes.length === 0) return failed(filename, null, '文件为空（0 字节），没有可读取的内容。');
    if (bytes.length > maxBytes) {
      return failed(
        filename,
        null,
        `文件有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限，未读取；年度报告通常不到 5 MB，请确认文件是否正确。`,
      );
    }
    if (isPdf(bytes)) {
      try {
        const collected = await pdfToLines(bytes, {
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        });
        return finish(
          filename,
          'pdf',
          null,
          collected.lines,
          readRows(collected.rows),
          [],
          options,
        );
      } catch (error) {
        if (error instanceof PdfError)
          return failed(filename, 'pdf', `无法读取 PDF：${error.message}。`);
        throw error;
      }
    }
    if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
      try {
        const { docxToLines } = await import('./docx.js');
        const collected = docxToLines(bytes, maxBytes);
        return finish(
          filename,
          'docx',
          null,
          collected.lines,
          readRows(collected.rows),
          [],
          options,
        );
      } catch (error) {
        if (error instanceof ZipError) {
          return failed(
            filename,
            'docx',
            `无法读取 DOCX：${error.message}。请用 Word 或 WPS 打开后另存为 DOCX 再试。`,
          );
        }
        throw error;
      }
    }
    if (startsWith(bytes, [0x50, 0x4b])) {
      return failed(
        filename,
        null,
        '文件是不完整的 ZIP/DOCX（缺少文件头），可能下载中断；请重新获取完整的文件。',
      );
    }
    if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
      const utf16 = new TextDecoder('utf-16le').decode(
        bytes.subarray(0, Math.min(bytes.length, 1 << 20)),
      );
      return failed(
        filename,
        null,
        utf16.includes('EncryptionInfo') || utf16.includes('EncryptedPackage')
          ? '文件是设有密码的加密 Office 文档，无法读取；请取消密码后另存为 DOCX 再试。'
          : '文件是旧版 Word/Excel 二进制格式（.doc/.xls），暂不支持；请用 Word 或 WPS 另存为 DOCX 再试。',
      );
    }
    if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
      return failed(filename, null, '文件是 RTF 格式，暂不支持；请另存为 DOCX 或纯文本再试。');
    }
    if (
      startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
      startsWith(bytes, [0xff, 0xd8, 0xff]) ||
      startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
    ) {
      return failed(
        filename,
        null,
        '文件是图片，不含可读取的文字；请提供报告的文字版本（HTML、DOCX、PDF 或纯文本）。',
      );
    }

    // The HTML reader (and its parser) is loaded for a page only, not for a text report.
    const html = () => import('./html.js');
    const decoded = decodeText(
      bytes,
      hasBytes(bytes, CHARSET, 4096) ? (await html()).declaredCharset(bytes) : undefined,
    );
    if (looksBinary(bytes, decoded.text)) {
      return failed(
        filename,
        null,
        '文件是二进制数据，不是文本、HTML、DOCX 或 PDF，无法读取；请确认文件类型。',
      );
    }
    if (decoded.text.trim() === '')
      return failed(filename, 'text', '文件只有空白，没有可读取的内容。');
    const json = await readReportJson(filename, decoded.text, decoded.encoding, options);
    if (json) return json;
    if (looksLikeHtml(decoded.text, filename)) {
      const { htmlDepthExceeds, htmlToLines, MAX_HTML_DEPTH } = await html();
      if (htmlDepthExceeds(decoded.text)) {
        return failed(
          filename,
          'html',
          `网页的标签嵌套超过 ${MAX_HTML_DEPTH} 层，结构异常，未读取；请在浏览器中打开后另存为 PDF，或把报告正文复制为纯文本后再上传。`,
        );
      }
      const collected = htmlToLines(decoded.text);
      const { pageMetadataDate } = await import('./page-meta.js');
      return finish(
        filename,
        'html',
        decoded.encoding,
        collected.lines,
        readRows(collected.rows),
        decoded.findings,
        options,
        pageMetadataDate(decoded.text),
      );
    }
    // The lines and their rows in one pass over the text.
    const { lines, rows } = textLines(decoded.text);
    return finish(
      filename,
      'text',
      decoded.encoding,
      lines,
      readRows(rows),
      decoded.findings,
      options,
    );
  } catch (error) {
    // A reader bug must not end a run over thousands of files: it is a finding too.
    const message = error instanceof Error ? error.message : String(error);
    return failed(
      filename,
      null,
      `读取时发生意外错误（${message}），文件未读入；请将该文件报告给维护者。`,
    );
  }
}
