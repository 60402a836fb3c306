import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportBytesSync, unreadableReason } from './report-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-report-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a report file', () => {
  it('gives the bytes, or why they cannot be had', () => {
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
    const sync = cases.map(([path, max]) => readReportBytesSync(path, max));
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

  it('says in Chinese why a symbolic link that loops cannot be read, and what to do', () => {
    const a = join(dir, 'loop-a.txt');
    const b = join(dir, 'loop-b.txt');
    symlinkSync(b, a);
    symlinkSync(a, b);
    expect(readReportBytesSync(a)).toEqual({
      error: '无法读取文件（符号链接循环，请检查链接指向）。',
    });
  });

  it('says an error it has no words for by its code, in Chinese', () => {
    const error = Object.assign(new Error('EXDEV: cross-device link not permitted'), {
      code: 'EXDEV',
    });
    expect(unreadableReason(error)).toBe('系统错误（EXDEV），请确认路径和文件是否可读');
  });
});
