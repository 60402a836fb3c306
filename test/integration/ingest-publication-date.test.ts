/**
 * The publication date of a report read from a web page, and where it was read: the date the
 * report gives under its title, the page's 发布时间, the 落款's date, the page's metadata
 * (`<meta name="PubDate">`, `article:published_time`), in that order of trust. The pages are
 * shaped as government sites publish them (the 政府网站 template's meta tags, a header with
 * today's date, a breadcrumb, a field line, a footer) around the sample report's body.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.js';
import { dayOfMetaValue, pageMetadataDate } from '../../src/ingest/page-meta.js';
import { runCli } from '../support/cli.js';

const SAMPLE = readFileSync(
  new URL('../fixtures/ingest/formats/sample-official.html', import.meta.url),
  'utf8',
);
const BODY = /<body>([\s\S]*)<\/body>/.exec(SAMPLE)![1]!;
const TITLE = '<p>示例市交通运输局2023年政府信息公开工作年度报告</p>';
const CLOSING_DATE = '<p>2024年1月26日</p>';

interface Page {
  meta?: string[];
  /** The page's field line under the title, e.g. 发布时间：…. */
  fields?: string;
  /** A line under the report's title, e.g. （2024年1月25日）. */
  underTitle?: string;
  /** Whether the 落款 keeps its date. */
  closingDate?: boolean;
}

/** A government site's article page around the sample report. */
function page(p: Page): string {
  let body = BODY;
  if (p.underTitle) body = body.replace(TITLE, `${TITLE}\n<p>${p.underTitle}</p>`);
  if (p.closingDate === false) body = body.replace(CLOSING_DATE, '');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="SiteName" content="示例市人民政府">
<meta name="SiteDomain" content="www.example.gov.cn">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="示例市交通运输局2023年政府信息公开工作年度报告">
${(p.meta ?? []).join('\n')}
<title>示例市交通运输局2023年政府信息公开工作年度报告_示例市人民政府</title>
<script>var pubTime = "2020-01-01 00:00";</script></head>
<body>
<div class="top"><span>今天是：2026年12月6日 星期日</span><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="article">
<h1>示例市交通运输局2023年政府信息公开工作年度报告</h1>
${p.fields ? `<div class="info">${p.fields}</div>` : ''}
<div class="content">
${body}
</div></div>
<div class="footer">主办：示例市人民政府办公室\u3000网站标识码：1234000001\u3000ICP备案号：示ICP备12345678号</div>
</body></html>`;
}

async function read(html: string) {
  const result = await ingestFile(new TextEncoder().encode(html), 'nianbao.html');
  expect(result.kind).toBe('html');
  expect(result.report).not.toBeNull();
  expect(result.report!.agency).toBe('示例市交通运输局');
  return result;
}

const PUBDATE = '<meta name="PubDate" content="2024-01-31 08:00">';

describe('the publication date of a web page, with its source', () => {
  it('the page’s 发布时间 before the 落款 and the metadata', async () => {
    const result = await read(
      page({
        meta: [PUBDATE],
        fields: '发布时间：2024-01-30 09:15\u3000来源：示例市交通运输局\u3000浏览次数：',
      }),
    );
    expect(result.report!.publishedOn).toBe('2024-01-30');
    expect(result.published?.source).toBe('breadcrumb');
    expect(result.lines[result.published!.line! - 1]).toContain('2024-01-30');
  });

  it('a plain 时间： field dates the page; 成文日期 is not the publication', async () => {
    const result = await read(
      page({ fields: '成文日期：2024-01-20\u3000发布日期：2024-01-29\u3000来源：市交通运输局' }),
    );
    expect(result.report!.publishedOn).toBe('2024-01-29');
    const plain = await read(page({ fields: '时间：2024-01-28 16:34\u3000来源：市交通运输局' }));
    expect(plain.report!.publishedOn).toBe('2024-01-28');
    expect(plain.published?.source).toBe('breadcrumb');
  });

  it('the date under the title before the page’s 发布时间', async () => {
    const result = await read(
      page({
        meta: [PUBDATE],
        fields: '发布时间：2024-01-30 09:15',
        underTitle: '（2024年1月25日）',
      }),
    );
    expect(result.report!.publishedOn).toBe('2024-01-25');
    expect(result.published?.source).toBe('text');
  });

  it('without 发布时间, the 落款’s date before the metadata', async () => {
    const result = await read(page({ meta: [PUBDATE] }));
    expect(result.report!.publishedOn).toBe('2024-01-26');
    expect(result.published?.source).toBe('closing');
    expect(result.lines[result.published!.line! - 1]).toBe('2024年1月26日');
  });

  it('with no date in the text, the page’s <meta name="PubDate">', async () => {
    const result = await read(page({ meta: [PUBDATE], closingDate: false }));
    expect(result.report!.publishedOn).toBe('2024-01-31');
    expect(result.published).toEqual({ date: '2024-01-31', source: 'page-metadata', line: null });
  });

  it('article:published_time, as the day in China', async () => {
    const result = await read(
      page({
        meta: ['<meta property="article:published_time" content="2024-01-30T17:20:00Z">'],
        closingDate: false,
      }),
    );
    expect(result.report!.publishedOn).toBe('2024-01-31');
    expect(result.published?.source).toBe('page-metadata');
  });

  it('no date anywhere: none, and no source', async () => {
    const result = await read(page({ closingDate: false }));
    expect(result.report!.publishedOn).toBeNull();
    expect(result.published).toBeNull();
  });

  it('gongkai ingest names the source', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-date-'));
    writeFileSync(join(dir, 'a.html'), page({ meta: [PUBDATE], closingDate: false }));
    const r = await runCli(['ingest', 'a.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('发布日期：2024-01-31（取自网页元数据（meta 标签））');
  });
});

describe('the page metadata', () => {
  it('reads the 政府网站 template’s PubDate first, whatever the case and quoting', () => {
    expect(
      pageMetadataDate(
        `<head><META NAME=pubdate CONTENT='2023/02/20 15:07'><meta property="article:published_time" content="2023-02-21T01:00:00+08:00"></head>`,
      ),
    ).toEqual({ date: '2023-02-20', source: 'page-metadata', line: null });
    expect(pageMetadataDate('<meta name="description" content="2023-02-20">')).toBeNull();
    expect(pageMetadataDate('<p>PubDate 2023-02-20</p>')).toBeNull();
  });

  it('takes the day of a value; refuses what is not a day', () => {
    expect(dayOfMetaValue('2023-02-20 15:07')).toBe('2023-02-20');
    expect(dayOfMetaValue('2023年2月20日')).toBe('2023-02-20');
    expect(dayOfMetaValue('2023-02-20T15:07:00')).toBe('2023-02-20');
    expect(dayOfMetaValue('2023-02-19T16:30:00Z')).toBe('2023-02-20');
    expect(dayOfMetaValue('2023-02-20T01:30:00+08:00')).toBe('2023-02-20');
    expect(dayOfMetaValue('2023-02-30')).toBeNull();
    expect(dayOfMetaValue('20230220')).toBeNull();
    expect(dayOfMetaValue('')).toBeNull();
  });
});
