import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReaderThread } from './thread.js';

const CORPUS = new URL('../../test/fixtures/corpus/', import.meta.url).pathname;
const report = (name: string) => new Uint8Array(readFileSync(`${CORPUS}${name}`));

describe('a reading thread sent several files at once', () => {
  it('blames the file it was reading when it dies, not one done before it, and reads the rest', async () => {
    // The three are sent together: the first is done (its result not yet sent back, results go
    // back several at a time) when the second runs the thread out of memory. The thread says
    // which file it is on; the first and the third are read again by a new thread.
    const thread = new ReaderThread({}, 60_000, { maxOldGenerationSizeMb: 64 });
    try {
      const lines = Array.from({ length: 1_000_000 }, (_, i) => `第${i}行 收到申请 ${i} 件`);
      const [before, huge, after] = await Promise.all([
        thread.read({ bytes: report('000_10421f3e08d9eefa.txt'), file: 'before.txt' }),
        thread.read({ bytes: new TextEncoder().encode(lines.join('\n')), file: 'huge.txt' }),
        thread.read({ bytes: report('003_d68fabd84de01588.txt'), file: 'after.txt' }),
      ]);
      expect(huge.file).toBe('huge.txt');
      expect(huge.findings[0]?.message).toMatch(/内存超过上限（64 MB）/);
      expect([before.file, after.file]).toEqual(['before.txt', 'after.txt']);
      for (const small of [before, after]) {
        expect(small.report).not.toBeNull();
        expect(small.findings.some((f) => f.code === 'unreadable-file')).toBe(false);
      }
    } finally {
      await thread.close();
    }
  });
});
