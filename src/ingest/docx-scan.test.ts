import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReferences, scanDocumentXml } from './docx-scan.js';
import { DocumentBuilder, documentXmlToLines, parseDocumentXml } from './docx.js';
import { zipEntries, zipRead } from './zip.js';

const FORMATS = new URL('../../test/fixtures/ingest/formats/', import.meta.url);

const documentXml = (bytes: Uint8Array) => {
  const entry = zipEntries(bytes).find((e) => e.name === 'word/document.xml')!;
  return new TextDecoder().decode(zipRead(bytes, entry, 50e6));
};

/** Whether the scanner reads the XML itself (rather than leaving it to htmlparser2). */
const scans = (xml: string) => scanDocumentXml(xml, new DocumentBuilder());

const lines = (xml: string) => {
  const c = documentXmlToLines(xml);
  return { lines: c.lines, rows: c.rows };
};
const reference = (xml: string) => {
  const c = parseDocumentXml(xml);
  return { lines: c.lines, rows: c.rows };
};

const doc = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`;
const p = (...runs: string[]) =>
  `<w:p>${runs.map((r) => `<w:r><w:t>${r}</w:t></w:r>`).join('')}</w:p>`;
const tc = (text: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr>${p(text)}</w:tc>`;
const table = (...rows: string[][]) =>
  `<w:tbl>${rows.map((r) => `<w:tr>${r.join('')}</w:tr>`).join('')}</w:tbl>`;

describe('scanDocumentXml reads as htmlparser2 does', () => {
  const fixtures = readdirSync(FORMATS).filter((f) => f.endsWith('.docx'));
  it.each(fixtures)('fixture %s (scanned, same lines and rows)', (name) => {
    const xml = documentXml(new Uint8Array(readFileSync(join(FORMATS.pathname, name))));
    expect(scans(xml)).toBe(true);
    expect(lines(xml)).toEqual(reference(xml));
    expect(lines(xml).lines.length).toBeGreaterThan(10);
  });

  const scanned: [string, string][] = [
    [
      'entities and character references',
      doc(p('A&amp;B &lt;C&gt; &quot;D&apos; &#20013;&#x6587;&#X41;')),
    ],
    [
      'a table with spans, merges and gridBefore',
      doc(
        table(
          [tc('项目', '<w:gridSpan w:val="2"/>'), tc('数量', '<w:vMerge w:val="restart"/>')],
          [tc('甲'), tc('乙'), tc('', '<w:vMerge/>')],
          [
            `<w:trPr><w:gridBefore w:val="1"/></w:trPr>`,
            tc('丙', `<w:gridSpan w:val='2' w:val="5"/>`),
            tc('丁'),
          ],
        ),
      ),
    ],
    [
      'a table in a cell',
      doc(table([`<w:tc>${table([tc('内'), tc('表')])}${p('外')}</w:tc>`, tc('x')])),
    ],
    [
      'skipped elements, tabs and breaks',
      doc(
        `<w:p><w:r><w:t>一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t></w:r>` +
          `<w:r><w:instrText>PAGE</w:instrText></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del>` +
          `<mc:AlternateContent><mc:Choice><w:t>选</w:t></mc:Choice><mc:Fallback><w:p><w:r><w:t>备</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:p>`,
      ),
    ],
    [
      'comments and ">" in attribute values',
      doc(
        `<!-- <w:p> -->${p('正文')}<w:p w:x="a>b" w:y='"'><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:x="a w:val='9'" w:val="2"/></w:tcPr></w:tc><w:tc>${p('格')}</w:tc></w:tr></w:tbl>${'<w:r><w:t>后</w:t></w:r>'}</w:p>`,
      ),
    ],
    [
      'close tags that skip or do not match',
      doc(`<w:p><w:r><w:t>未闭合</w:p></w:x>${p('下一段')}<w:p><w:r><w:t>末尾`),
    ],
    ['a reference in w:val', doc(table([tc('x', '<w:gridSpan w:val="&#50;"/>'), tc('y')]))],
    [
      'upper case names and spaces in close tags',
      `<W:P><W:R><W:T xml:space="preserve"> 大写 </W:T ></W:R></W:P >`,
    ],
    [
      'text outside w:t and bad references where no text is kept',
      doc(`&bogus;<w:p>&nbsp;<w:r><w:t>文</w:t>&#0;</w:r></w:p>`),
    ],
  ];
  it.each(scanned)('%s (scanned)', (_, xml) => {
    expect(scans(xml)).toBe(true);
    expect(lines(xml)).toEqual(reference(xml));
  });

  const leftToHtmlparser2: [string, string][] = [
    ['CDATA', doc(p('<![CDATA[a<b]]>'))],
    ['an HTML entity', doc(p('a&nbsp;b'))],
    ['a reference without ";"', doc(p('a&#65b'))],
    ['a replaced code point', doc(p('a&#0;b&#x80;'))],
    ['a DOCTYPE', `<!DOCTYPE w:document>${doc(p('文'))}`],
    ['a lone "<" in text', doc(p('a < b'))],
    ['an unquoted attribute', doc(`${table([tc('x', '<w:gridSpan w:val=2/>')])}`)],
    ['an unterminated tag', doc(p('x')).slice(0, -5)],
  ];
  it.each(leftToHtmlparser2)('%s (left to htmlparser2, same lines)', (_, xml) => {
    expect(scans(xml)).toBe(false);
    expect(lines(xml)).toEqual(reference(xml));
  });
});

describe('decodeReferences', () => {
  it('replaces the XML entities and character references', () => {
    expect(decodeReferences('a&amp;b&#x4e2d;&#25991;')).toBe('a&b中文');
  });
  it('gives null for what htmlparser2 reads its own way', () => {
    expect(decodeReferences('&copy;')).toBeNull();
    expect(decodeReferences('&amp')).toBeNull();
    expect(decodeReferences('&#xD800;')).toBeNull();
    expect(decodeReferences('&#1114112;')).toBeNull();
  });
});
