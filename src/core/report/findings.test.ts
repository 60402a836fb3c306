import { describe, expect, it } from 'vitest';
import { describeLocation } from './findings.js';

describe('describeLocation', () => {
  it('names rows and columns as printed in the tables, never by their keys', () => {
    const texts = [
      describeLocation({ table: 'applications', row: 'carried_over', column: 'natural_person' }),
      describeLocation({ table: 'appeals', row: 'review', column: 'total' }),
      describeLocation({ table: 'proactive', row: 'regulations', column: 'repealed' }),
      describeLocation({ table: 'applications', column: 'total' }),
    ];
    for (const text of texts) expect(text).not.toMatch(/[a-z_]{3,}/);
    expect(texts[3]).toBe('表三（依申请公开），“总计”列');
  });
});
