/**
 * `gongkai ingest` and `gongkai audit` as evaluators and scripts use them: real files, bad files
 * of every kind (empty, truncated, binary, encrypted, huge), exit codes, output formats and the
 * dataset.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReportJson } from '../../src/core/report/schema.js';
import { renderJson } from '../../src/render/json.js';
import {
  auditFiles,
  readReportBytesSync,
  walkReportFiles,
  type AuditResult,
} from '../../src/ingest/audit.js';
import { ingestFile } from '../../src/ingest/index.js';
import { readInThread } from '../../src/ingest/thread.js';
import { runCli } from '../support/cli.js';
import { seeded } from '../support/report-layouts.js';
import { sampleReport } from '../support/sample-report.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
let dir: string;
const CORPUS_FILES = [
  '000_10421f3e08d9eefa.txt',
  '002_947ca60925c42d42.txt',
  '003_d68fabd84de01588.txt',
];

/** A minimal OLE compound file with the streams of a password-protected DOCX (content empty). */
function encryptedOfficeFile(): Uint8Array {
  const sector = 512;
  const bytes = new Uint8Array(sector * 3);
  const view = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(24, 0x3e, true);
  view.setUint16(26, 3, true);
  view.setUint16(28, 0xfffe, true);
  view.setUint16(30, 9, true);
  view.setUint16(32, 6, true);
  view.setUint32(44, 1, true); // FAT sectors
  view.setUint32(48, 1, true); // first directory sector
  view.setUint32(56, 4096, true);
  view.setUint32(60, 0xfffffffe, true);
  view.setUint32(68, 0xfffffffe, true);
  for (let i = 76; i < 512; i += 4) view.setUint32(i, 0xffffffff, true);
  view.setUint32(76, 0, true); // DIFAT[0] = sector 0
  const fat = sector;
  for (let i = 0; i < 128; i++) view.setUint32(fat + i * 4, 0xffffffff, true);
  view.setUint32(fat, 0xfffffffd, true);
  view.setUint32(fat + 4, 0xfffffffe, true);
  const entry = (index: number, name: string, type: number) => {
    const base = sector * 2 + index * 128;
    for (let i = 0; i < name.length; i++) view.setUint16(base + i * 2, name.charCodeAt(i), true);
    view.setUint16(base + 64, (name.length + 1) * 2, true);
    bytes[base + 66] = type;
    view.setUint32(base + 68, 0xffffffff, true);
    view.setUint32(base + 72, 0xffffffff, true);
    view.setUint32(base + 76, index === 0 ? 1 : 0xffffffff, true);
    view.setUint32(base + 116, 0xfffffffe, true);
  };
  entry(0, 'Root Entry', 5);
  entry(1, 'EncryptionInfo', 2);
  entry(2, 'EncryptedPackage', 2);
  return bytes;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-'));
  const good = join(dir, 'good');
  const bad = join(dir, 'bad');
  mkdirSync(good);
  mkdirSync(join(good, 'nested'));
  mkdirSync(bad);
  copyFileSync(`${FIXTURES}corpus/002_947ca60925c42d42.txt`, join(good, '002.txt'));
  copyFileSync(
    `${FIXTURES}ingest/formats/003_d68fabd84de01588.docx`,
    join(good, 'nested', '003.docx'),
  );
  copyFileSync(`${FIXTURES}ingest/formats/000_10421f3e08d9eefa.html`, join(good, '000.html'));
  writeFileSync(join(good, 'notes.json'), '{}'); // not a report type: skipped in folders

  writeFileSync(join(bad, 'empty.txt'), '');
  const random = seeded(5);
  writeFileSync(
    join(bad, 'binary.txt'),
    Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256)),
  );
  const docx = readFileSync(`${FIXTURES}ingest/formats/002_947ca60925c42d42.docx`);
  writeFileSync(join(bad, 'truncated.docx'), docx.subarray(0, Math.floor(docx.length / 2)));
  const pdf = readFileSync(`${FIXTURES}ingest/formats/002_947ca60925c42d42.pdf`);
  writeFileSync(join(bad, 'truncated.pdf'), pdf.subarray(0, 2000));
  copyFileSync(`${FIXTURES}ingest/formats/sample.encrypted.pdf`, join(bad, 'encrypted.pdf'));
  writeFileSync(join(bad, 'password.docx'), encryptedOfficeFile());
  // A ZIP whose entries are marked encrypted (general-purpose flag bit 0).
  const zip = Buffer.from(docx);
  for (let i = 0; i < zip.length - 4; i++) {
    if (zip.readUInt32LE(i) === 0x02014b50) zip.writeUInt16LE(zip.readUInt16LE(i + 8) | 1, i + 8);
  }
  writeFileSync(join(bad, 'encrypted-zip.docx'), zip);
  writeFileSync(join(bad, 'huge.txt'), '');
  truncateSync(join(bad, 'huge.txt'), 60 * 1024 * 1024); // sparse: nothing is written
  writeFileSync(
    join(bad, 'image.pdf.txt'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  );
  writeFileSync(join(bad, 'not-a-report.txt'), '今天天气很好。\n明天去公园。\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gongkai ingest', () => {
  it('prints the report as JSON following the report schema, findings included', async () => {
    const r = await runCli(['ingest', `${FIXTURES}corpus/002_947ca60925c42d42.txt`, '--json']);
    expect(r.code).toBe(0);
    const parsed = parseReportJson(r.stdout);
    expect(parsed.problems).toEqual([]);
    const json = JSON.parse(r.stdout) as {
      agency: string;
      year: number;
      publishedOn: string | null;
      tables: { applications: Record<string, Record<string, number>> } & Record<string, unknown>;
      findings: { code: string; severity: string; location: unknown; message: string }[];
      sourceLines: Record<string, number>;
    };
    expect(json.agency).toBe('中卫市科学技术局');
    expect(json.year).toBe(2023);
    expect(json.publishedOn).toBeNull();
    expect(Object.keys(json.tables)).toEqual(['proactive', 'applications', 'appeals']);
    expect(json.tables.applications['withheld.state_secret']).toEqual({
      natural_person: 0,
      commercial: 0,
      research: 0,
      nonprofit: 0,
      legal_service: 0,
      other: 0,
      total: 0,
    });
    expect(json.tables.applications.received!.total).toBe(1);
    // Where each figure was read from (D10).
    expect(json.sourceLines['applications.received.natural_person']).toBe(49);
    expect(json.sourceLines['appeals.litigation_after_review.total']).toBe(81);
    expect(json.findings.map((f: { code: string }) => f.code)).toEqual([
      'cell-count',
      'cell-count',
    ]);
    for (const f of json.findings)
      expect(Object.keys(f).sort()).toEqual(['code', 'location', 'message', 'severity']);
  });

  it('prints a summary in Chinese', async () => {
    const r = await runCli(['ingest', `${FIXTURES}corpus/003_d68fabd84de01588.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('机关：市中区工业和信息化局（部门）');
    expect(r.stdout).toContain('发布日期：2024-01-11');
    expect(r.stdout).toContain('问题：未发现问题。');
  });

  it('gives a finding, not a crash, for a file that is no report, and exit code 1', async () => {
    const r = await runCli(['ingest', join(dir, 'bad', 'binary.txt'), '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { findings: { code: string; message: string }[] };
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]!.code).toBe('unreadable-file');
    expect(json.findings[0]!.message).toContain('二进制');
  });

  it("reads gongkai's own report JSON as the report it is, with the validation's findings", async () => {
    const file = join(dir, 'report.json');
    writeFileSync(file, renderJson(sampleReport()));
    const r = await runCli(['ingest', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('（JSON');
    expect(r.stdout).toContain('机关：示例县教育局（部门）');
    expect(r.stdout).toContain('问题：未发现问题。');
    const json = await runCli(['ingest', file, '--json']);
    expect(parseReportJson(json.stdout).report).toEqual(sampleReport());

    const late = await ingestFile(
      new TextEncoder().encode(renderJson({ ...sampleReport(), publishedOn: '2024-03-01' })),
      'late.json',
    );
    expect(late.kind).toBe('json');
    expect(late.findings.map((f) => f.code)).toEqual(['late-publication']);
  });

  it('gives unreadable-file with the JSON paths of the first problems for a JSON that is no report', async () => {
    const file = join(dir, 'broken-report.json');
    const json = JSON.parse(renderJson(sampleReport())) as Record<string, unknown>;
    json.year = '2023年';
    delete json.agency;
    (json.tables as Record<string, unknown>).extra = {};
    writeFileSync(file, JSON.stringify(json));
    const r = await runCli(['ingest', file, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { code: string; message: string }[] };
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]!.code).toBe('unreadable-file');
    for (const path of ['/agency', '/year', '/tables/extra']) {
      expect(out.findings[0]!.message).toContain(path);
    }
    expect(out.findings[0]!.message).toContain('gongkai report schema');
    const empty = await ingestFile(new TextEncoder().encode('{}'), 'empty.json');
    expect(empty.kind).toBe('json');
    expect(empty.report).toBeNull();
    expect(empty.findings[0]!.message).toContain('缺少必填字段');
    // Text that merely starts with a brace is still read as text.
    const text = await ingestFile(new TextEncoder().encode('{附件}\n今天天气很好。'), 'x.txt');
    expect(text.kind).toBe('text');
  });

  it('ends with exit code 2 when the file does not exist', async () => {
    const r = await runCli(['ingest', join(dir, 'nowhere.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到文件');
  });
});

describe('gongkai audit', () => {
  it('reads every file, bad ones as findings with the reason, and exits 0', async () => {
    const r = await runCli(['audit', 'good', 'bad'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('文件\t机关\t年度\t错误\t警告');
    const byFile = new Map(lines.slice(1, -1).map((l) => [l.split('\t')[0]!, l.split('\t')]));
    expect(byFile.get('good/002.txt')).toEqual([
      'good/002.txt',
      '中卫市科学技术局',
      '2023',
      '0',
      '2',
    ]);
    expect(byFile.get('good/nested/003.docx')?.[1]).toBe('市中区工业和信息化局');
    expect(byFile.get('good/000.html')?.[1]).toBe('温县科技和工业信息化局');
    expect(byFile.has('good/notes.json')).toBe(false);
    for (const name of [
      'empty.txt',
      'binary.txt',
      'truncated.docx',
      'truncated.pdf',
      'encrypted.pdf',
      'password.docx',
      'encrypted-zip.docx',
      'huge.txt',
      'image.pdf.txt',
      'not-a-report.txt',
    ]) {
      expect(byFile.get(`bad/${name}`), name).toEqual([`bad/${name}`, '（未识别）', '—', '1', '0']);
    }
    expect(lines.at(-2)).toMatch(/^共 13 份文件：读出报告 3 份，无法读取 10 份/);
  });

  it('says why each bad file could not be read (JSON lines)', async () => {
    const r = await runCli(['audit', 'bad', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const records = r.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            file: string;
            findings: { code: string; message: string }[];
            summary?: unknown;
          },
      );
    const summary = records.pop()!;
    expect(summary.summary).toMatchObject({ reports: 10, read: 0, unreadable: 10 });
    const reason = (name: string) =>
      records.find((x) => x.file === `bad/${name}`)!.findings[0]!.message;
    expect(reason('empty.txt')).toContain('文件为空');
    expect(reason('encrypted.pdf')).toContain('已加密');
    expect(reason('password.docx')).toContain('加密');
    expect(reason('encrypted-zip.docx')).toContain('加密');
    expect(reason('truncated.docx')).toMatch(/ZIP|不完整|损坏/);
    expect(reason('truncated.pdf')).toContain('PDF');
    expect(reason('huge.txt')).toContain('超过 50 MB');
    expect(reason('image.pdf.txt')).toContain('图片');
    expect(reason('not-a-report.txt')).toContain('未在文件中识别出');
    for (const record of records) {
      expect(record.findings.every((f) => f.code === 'unreadable-file')).toBe(true);
    }
  });

  it('writes the dataset: one row per report and cell, with the line it came from', async () => {
    const out = join(dir, 'dataset.csv');
    const r = await runCli(['audit', 'good', '--format', 'csv', '--out', out], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'file,agency,year,published_on,errors,warnings,infos,codes',
    );
    const rows = readFileSync(out, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(rows[0]).toBe('file,agency,year,published_on,table,row,column,value,line');
    // 3 reports × (table 二 10 cells + table 三 25 × 7 + table 四 15).
    expect(rows).toHaveLength(1 + 3 * (10 + 175 + 15));
    expect(rows).toContain(
      'good/002.txt,中卫市科学技术局,2023,,applications,received,natural_person,1,49',
    );
    expect(rows).toContain(
      'good/002.txt,中卫市科学技术局,2023,,proactive,normative_documents,in_force,2,32',
    );
  });

  it('gives the same results in parallel worker threads, in the same order', async () => {
    const one = await runCli(['audit', 'good', 'bad', '--format', 'json'], { cwd: dir });
    const two = await runCli(['audit', 'good', 'bad', '--format', 'json', '--jobs', '3'], {
      cwd: dir,
    });
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('ends with exit code 2 on a usage error', async () => {
    expect((await runCli(['audit', 'good', '--jobs', '0'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['audit', 'good', '--format', 'xml'], { cwd: dir })).code).toBe(2);
    const missing = await runCli(['audit', 'nowhere'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到');
    expect(
      (await runCli(['audit', 'good', '--out', join(dir, 'no', 'such', 'x.csv')], { cwd: dir }))
        .code,
    ).toBe(2);
    expect((await runCli(['audit'], { cwd: dir })).code).toBe(2);
    const xlsx = await runCli(['audit', 'good', '--out', join(dir, 'data.xlsx')], { cwd: dir });
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain('.csv');
  });
});

describe('the time bound per file', () => {
  it('gives up on a PDF that takes longer than allowed, as a finding', async () => {
    const pdf = new Uint8Array(readFileSync(`${FIXTURES}ingest/formats/002_947ca60925c42d42.pdf`));
    const result = await ingestFile(pdf, 'slow.pdf', { timeoutMs: 1 });
    expect(result.report).toBeNull();
    expect(result.findings.map((f) => f.code)).toEqual(['unreadable-file']);
    expect(result.findings[0]!.message).toContain('读取超过');
  });

  it('replaces a reading thread that overruns and goes on with the next file', async () => {
    const files = CORPUS_FILES.map((f) => `${FIXTURES}corpus/${f}`);
    const results: AuditResult[] = [];
    // A bound far below a thread's start-up time: every file overruns, yet the run completes.
    await auditFiles(files, { jobs: 2, timeoutMs: 1 }, (r) => {
      results.push(r);
    });
    expect(results.map((r) => r.file)).toEqual(files);
    for (const r of results) expect(r.findings[0]!.message).toMatch(/读取超过|线程/);
  });
});

describe('paths that are not report files', () => {
  it('says so for a named pipe and a device, without waiting for them to end', async () => {
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    try {
      const results: AuditResult[] = [];
      await auditFiles([fifo, '/dev/zero'], {}, (r) => {
        results.push(r);
      });
      expect(results.map((r) => r.findings[0]!.message)).toEqual([
        expect.stringContaining('命名管道'),
        expect.stringContaining('设备'),
      ]);
      // In a folder too: listed with the reason, not passed over.
      const folder = join(dir, 'with-pipe');
      mkdirSync(folder);
      execFileSync('mkfifo', [join(folder, 'report.txt')]);
      const walked: AuditResult[] = [];
      await auditFiles(walkReportFiles([folder]), {}, (r) => {
        walked.push(r);
      });
      expect(walked.map((r) => r.findings[0]!.message)).toEqual([
        expect.stringContaining('命名管道'),
      ]);
      rmSync(folder, { recursive: true });
      const cli = await runCli(['ingest', '/dev/zero', '--json']);
      expect(cli.code).toBe(1);
      expect(JSON.parse(cli.stdout)).toMatchObject({
        findings: [{ code: 'unreadable-file', message: expect.stringContaining('设备') }],
      });
    } finally {
      rmSync(fifo);
    }
  });

  it('never reads more than the limit', () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(3000));
    const read = readReportBytesSync(big, 2048);
    expect(read).toEqual({ error: expect.stringContaining('超过 0 MB 的上限') });
    const fits = readReportBytesSync(big, 4096);
    expect('bytes' in fits && fits.bytes.length).toBe(3000);
    rmSync(big);
  });
});

describe('reading bytes in a thread bounded in time (uploads)', () => {
  it('gives the source lines of what it read', async () => {
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}corpus/002_947ca60925c42d42.txt`));
    const result = await readInThread({}, 60_000, (read) => read({ bytes, file: '002.txt' }));
    expect(result.report?.agency).toBe('中卫市科学技术局');
    expect(result.lines?.length).toBeGreaterThan(50);
  });

  it('gives up on bytes that take longer than the bound, as a finding, and reads the next', async () => {
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}corpus/002_947ca60925c42d42.txt`));
    const results = await readInThread({}, 1, async (read) => [
      await read({ bytes, file: 'a.txt' }),
      await read({ bytes, file: 'b.txt' }),
    ]);
    expect(results.map((r) => [r.file, r.findings[0]!.code])).toEqual([
      ['a.txt', 'unreadable-file'],
      ['b.txt', 'unreadable-file'],
    ]);
    expect(results[0]!.findings[0]!.message).toContain('读取超过');
  });

  it('answers files asked for before the first is done, each in order', async () => {
    const files = CORPUS_FILES.map((f) => `${FIXTURES}corpus/${f}`);
    const alone = await readInThread({}, 60_000, async (read) => {
      const out = [];
      for (const path of files) out.push(await read({ path }));
      return out;
    });
    const together = await readInThread({}, 60_000, (read) =>
      Promise.all(files.map((path) => read({ path }))),
    );
    expect(together.map((r) => r.file)).toEqual(files);
    expect(together).toEqual(alone);
    // Every file overruns: each is reported, and the ones waiting behind it go to a new thread.
    const stopped = await readInThread({}, 1, (read) =>
      Promise.all(files.map((path) => read({ path }))),
    );
    expect(stopped.map((r) => [r.file, r.findings[0]!.message])).toEqual(
      files.map((f) => [f, expect.stringContaining('读取超过')]),
    );
  });
});
