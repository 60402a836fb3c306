import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, looksBinary } from './decode.js';

const TEXT = '温县科技和工业信息化局 2023 年政府信息公开工作年度报告\n一、总体情况\n';

describe('decodeText', () => {
  it.each([
    ['utf-8', Buffer.from(TEXT, 'utf8')],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['utf-16be', iconv.encode(TEXT, 'utf16-be', { addBOM: true })],
    ['gb18030', iconv.encode(TEXT, 'gb18030')],
    ['gb18030', iconv.encode(TEXT, 'gbk')],
  ] as const)('%s', (encoding, bytes) => {
    const decoded = decodeText(new Uint8Array(bytes));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(TEXT);
    expect(decoded.findings).toEqual([]);
  });

  it('follows the charset an HTML page declares', () => {
    const html = `<meta charset="gb2312"><p>${TEXT}</p>`;
    const decoded = decodeText(new Uint8Array(iconv.encode(html, 'gb2312')), 'gb2312');
    expect(decoded.text).toBe(html);
  });

  it('says so when GB18030 reads the bytes but not into a report (Big5)', () => {
    const decoded = decodeText(new Uint8Array(iconv.encode('政府資訊公開年度報告', 'big5')));
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.findings.map((f) => [f.code, f.severity])).toEqual([
      ['unreadable-file', 'warning'],
    ]);
  });

  it('never gives mojibake silently: bytes no encoding reads are a finding', () => {
    const bytes = new Uint8Array([
      ...Buffer.from('年度报告 ', 'utf8'),
      0xff,
      0x81,
      0xfe,
      0x30,
      0xff,
    ]);
    const decoded = decodeText(bytes);
    expect(decoded.findings.map((f) => f.code)).toEqual(['unreadable-file']);
    expect(decoded.text).toContain('年度报告');
  });

  it('reads a GB18030 file with a stray byte as GB18030, saying where the byte is', () => {
    const lines = [TEXT, '二、主动公开政府信息情况\n', '三、收到和处理政府信息公开申请情况\n'].join(
      '',
    );
    const gb = iconv.encode(lines, 'gb18030');
    const at = gb.indexOf(iconv.encode('三、', 'gb18030'));
    const bytes = new Uint8Array([...gb.subarray(0, at), 0xff, ...gb.subarray(at)]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toContain('三、收到和处理政府信息公开申请情况');
    expect(decoded.findings).toEqual([
      expect.objectContaining({
        code: 'unreadable-file',
        severity: 'warning',
        location: { line: 4 },
        message: expect.stringContaining('已按 GB18030/GBK 读取，其中 1 处'),
      }),
    ]);
    expect(looksBinary(bytes, decoded.text)).toBe(false);
  });

  it('reads a UTF-8 file with a stray byte as UTF-8', () => {
    const utf8 = Buffer.from(TEXT, 'utf8');
    const bytes = new Uint8Array([...utf8.subarray(0, 3), 0xff, ...utf8.subarray(3)]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.findings[0]!.message).toContain('已按 UTF-8 读取，其中 1 处');
  });
});

describe('looksBinary', () => {
  it('tells binary data from text', () => {
    const binary = new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x00, 0x10, 0x00, 0x7f]);
    expect(looksBinary(binary, decodeText(binary).text)).toBe(true);
    const text = new Uint8Array(Buffer.from(TEXT, 'utf8'));
    expect(looksBinary(text, TEXT)).toBe(false);
  });
});
