import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportBytes, readReportBytesSync } from './report-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-report-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a report file, in the thread or through the thread pool', () => {
  it('gives the same bytes or the same reason either way', async () => {
    const small = join(dir, 'small.txt');
    writeFileSync(small, '收到申请 1 件');
    // Larger than the first read (stat's size and one byte), so that it is read in pieces.
    const large = join(dir, 'large.txt');
    writeFileSync(large, '二'.repeat(100_000));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const folder = join(dir, 'folder.txt');
    mkdirSync(folder);
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const cases: [string, number | undefined][] = [
      [small, undefined],
      [large, undefined],
      [large, 200 * 1024],
      [empty, undefined],
      [folder, undefined],
      [fifo, undefined],
      ['/dev/zero', undefined],
      [join(dir, 'missing.txt'), undefined],
    ];
    const shown = (r: { bytes: Uint8Array } | { error: string }) =>
      'bytes' in r ? Buffer.from(r.bytes).toString('base64') : r.error;
    const sync = cases.map(([path, max]) => readReportBytesSync(path, max));
    const async = await Promise.all(cases.map(([path, max]) => readReportBytes(path, max)));
    expect(sync.map(shown)).toEqual(async.map(shown));
    expect(sync.map((r) => ('bytes' in r ? r.bytes.length : r.error))).toEqual([
      Buffer.byteLength('收到申请 1 件'),
      300_000,
      expect.stringContaining('MB 的上限'),
      0,
      expect.stringContaining('文件夹'),
      expect.stringContaining('命名管道'),
      expect.stringContaining('设备'),
      expect.stringContaining('找不到文件'),
    ]);
    expect(
      Buffer.from((sync[1] as { bytes: Uint8Array }).bytes).toString() === '二'.repeat(100_000),
    ).toBe(true);
  });
});
