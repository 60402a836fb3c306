import { describe, expect, it } from 'vitest';
import { agencyNameKey, matchAgencyName, nameSimilarity } from './agency-names.js';

const CANDIDATES = [
  { id: 'kjj', name: '中卫市科学技术局', aliases: ['中卫市科技局'] },
  { id: 'jyj', name: '中卫市教育局', aliases: [] },
  { id: 'gov', name: '沭阳县人民政府', aliases: [] },
];

describe('matching a stated agency name', () => {
  it('settles on the agency whose name is the stated one, whatever the spacing and width', () => {
    expect(matchAgencyName(' 中卫市 科学技术局', CANDIDATES)).toEqual({
      kind: 'name',
      agencyId: 'kjj',
    });
    expect(agencyNameKey('ＡＢＣ局（试点）')).toBe('ABC局试点');
  });

  it('settles on a recorded alias', () => {
    expect(matchAgencyName('中卫市科技局', CANDIDATES)).toEqual({
      kind: 'alias',
      agencyId: 'kjj',
      alias: '中卫市科技局',
    });
  });

  it('only proposes a name one character off (an OCR slip), never settles it', () => {
    const match = matchAgencyName('沐阳县人民政府', CANDIDATES);
    expect(match.kind).toBe('proposal');
    if (match.kind !== 'proposal') return;
    expect(match.proposals[0]).toMatchObject({ agencyId: 'gov', reason: '名称相近' });
    expect(match.proposals.every((p) => p.score < 1)).toBe(true);
  });

  it('never guesses between two agencies with the same name or the same alias', () => {
    const twins = [
      { id: 'a', name: '教育局', aliases: [] },
      { id: 'b', name: '教育局', aliases: [] },
    ];
    const same = matchAgencyName('教育局', twins);
    expect(same.kind).toBe('proposal');
    if (same.kind === 'proposal') expect(same.proposals.map((p) => p.agencyId)).toEqual(['a', 'b']);
    const shared = [
      { id: 'a', name: '甲县教育局', aliases: ['教育局'] },
      { id: 'b', name: '乙县教育局', aliases: ['教育局'] },
    ];
    expect(matchAgencyName('教育局', shared).kind).toBe('proposal');
  });

  it('proposes nothing for a name unlike any agency, and says so', () => {
    const match = matchAgencyName('某某省交通运输厅', CANDIDATES);
    expect(match).toMatchObject({ kind: 'proposal', proposals: [] });
    if (match.kind === 'proposal') expect(match.reason).toContain('没有相近的名称');
    expect(matchAgencyName('', CANDIDATES)).toMatchObject({ kind: 'proposal', proposals: [] });
  });

  it('measures likeness from 0 (nothing shared) to 1 (the same name)', () => {
    expect(nameSimilarity('中卫市教育局', '中卫市教育局')).toBe(1);
    expect(nameSimilarity('甲乙', '丙丁')).toBe(0);
    const near = nameSimilarity('中卫市科学技术局', '中卫市科技局');
    expect(near).toBeGreaterThan(0.3);
    expect(near).toBeLessThan(1);
  });
});
