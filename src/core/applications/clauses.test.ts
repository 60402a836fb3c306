import { describe, expect, it } from 'vitest';
import { asSentence, DEFAULT_CLAUSES, formatLegalBasis, isRefusal } from './clauses.js';
import { OUTCOME_ROW_KEYS } from '../report/format.js';

describe('the clause library', () => {
  it('names the regulation once, in full, however it was typed', () => {
    expect(formatLegalBasis('《条例》第十四条、《条例》第三十六条第（三）项。')).toBe(
      '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项',
    );
    expect(formatLegalBasis('依据：条例第三十八条；')).toBe(
      '《中华人民共和国政府信息公开条例》第三十八条',
    );
    expect(formatLegalBasis('《政府信息公开信息处理费管理办法》、、第五条')).toBe(
      '《政府信息公开信息处理费管理办法》、第五条',
    );
  });

  it('ends a paragraph with one full stop', () => {
    expect(asSentence('理由如下')).toBe('理由如下。');
    expect(asSentence('理由如下。。')).toBe('理由如下。');
    expect(asSentence('理由如下，')).toBe('理由如下。');
  });

  it('gives every refusal row wording, and the articles of the regulation it rests on', () => {
    const refusals = OUTCOME_ROW_KEYS.filter(isRefusal);
    expect(refusals).toHaveLength(17);
    for (const key of refusals) expect(DEFAULT_CLAUSES[key].reasons, key).not.toBe('');
    expect(DEFAULT_CLAUSES['withheld.state_secret'].legalBasis).toContain('第十四条');
    expect(DEFAULT_CLAUSES['withheld.third_party_rights'].legalBasis).toContain('第十五条');
    expect(DEFAULT_CLAUSES['withheld.internal_affairs'].legalBasis).toContain('第十六条');
    expect(DEFAULT_CLAUSES['unable.needs_creation'].legalBasis).toContain('第三十八条');
    expect(DEFAULT_CLAUSES['not_processed.complaint'].legalBasis).toContain('第三十九条');
    expect(isRefusal('disclosed')).toBe(false);
    expect(isRefusal('other.no_correction')).toBe(false);
  });
});
