/**
 * Matching the name a report states (中卫市科学技术局, as printed, perhaps with an OCR slip)
 * to one agency of a region. Matching never guesses: the agency's own name or a recorded alias
 * (names it is also known by) settles it; anything else is at most a proposal the supervisor
 * confirms, and a name that fits two agencies equally is a proposal too.
 */

/** An agency a stated name may belong to, with the aliases recorded for it. */
export interface NameCandidate {
  id: string;
  name: string;
  aliases: readonly string[];
}

export interface NameProposal {
  agencyId: string;
  agencyName: string;
  /** 0–1: how alike the stated name and the agency's name (or alias) are. */
  score: number;
  /** Why it is proposed, in Chinese. */
  reason: string;
}

export type NameMatch =
  | { kind: 'name'; agencyId: string }
  | { kind: 'alias'; agencyId: string; alias: string }
  /** No certain match: the proposals (best first, maybe none) wait for the supervisor. */
  | { kind: 'proposal'; proposals: NameProposal[]; reason: string };

/**
 * The form two names are compared in: full-width letters and digits made ASCII, white space
 * and punctuation removed, 〇 and O kept apart. Two names with the same key are the same name.
 *
 * @example agencyNameKey(' 中卫市 科学技术局 ') === agencyNameKey('中卫市科学技术局') // true
 */
export function agencyNameKey(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC')) {
    if (/[\s\p{P}\p{S}]/u.test(ch)) continue;
    out += ch;
  }
  return out.toUpperCase();
}

function bigrams(key: string): Map<string, number> {
  const grams = new Map<string, number>();
  const chars = [...key];
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice's coefficient over character pairs: 1 for the same key, 0 for nothing in common. */
export function nameSimilarity(a: string, b: string): number {
  const ka = agencyNameKey(a);
  const kb = agencyNameKey(b);
  if (ka === '' || kb === '') return 0;
  if (ka === kb) return 1;
  const ga = bigrams(ka);
  const gb = bigrams(kb);
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/** Proposals below this likeness are not shown: they would only be noise. */
export const PROPOSAL_THRESHOLD = 0.5;
const MAX_PROPOSALS = 3;

/**
 * Matches a stated name among the candidates: its own name, then a recorded alias, each only
 * when exactly one agency has it; otherwise the likeliest agencies as proposals.
 *
 * @example
 *   matchAgencyName('沐阳县人民政府', [{ id: 'a', name: '沭阳县人民政府', aliases: [] }])
 *   // { kind: 'proposal', proposals: [{ agencyId: 'a', score: 0.83, … }], … }
 */
export function matchAgencyName(stated: string, candidates: readonly NameCandidate[]): NameMatch {
  const key = agencyNameKey(stated);
  if (key === '') {
    return { kind: 'proposal', proposals: [], reason: '报告中没有读出机关名称，请选择机关。' };
  }
  const byName = candidates.filter((c) => agencyNameKey(c.name) === key);
  if (byName.length === 1) return { kind: 'name', agencyId: byName[0]!.id };
  if (byName.length > 1) {
    return {
      kind: 'proposal',
      proposals: byName.map((c) => ({
        agencyId: c.id,
        agencyName: c.name,
        score: 1,
        reason: '名称相同',
      })),
      reason: `本辖区有 ${byName.length} 个机关名为“${stated}”，请确认是哪一个。`,
    };
  }
  const byAlias = candidates.flatMap((c) =>
    c.aliases.filter((a) => agencyNameKey(a) === key).map((alias) => ({ c, alias })),
  );
  const aliasOwners = new Set(byAlias.map((m) => m.c.id));
  if (aliasOwners.size === 1) {
    return { kind: 'alias', agencyId: byAlias[0]!.c.id, alias: byAlias[0]!.alias };
  }
  if (aliasOwners.size > 1) {
    return {
      kind: 'proposal',
      proposals: byAlias.map(({ c, alias }) => ({
        agencyId: c.id,
        agencyName: c.name,
        score: 1,
        reason: `已登记的别名“${alias}”`,
      })),
      reason: `“${stated}”是本辖区 ${aliasOwners.size} 个机关登记的别名，请确认是哪一个。`,
    };
  }
  const scored: NameProposal[] = [];
  for (const c of candidates) {
    let best = { score: nameSimilarity(stated, c.name), via: null as string | null };
    for (const alias of c.aliases) {
      const score = nameSimilarity(stated, alias);
      if (score > best.score) best = { score, via: alias };
    }
    if (best.score < PROPOSAL_THRESHOLD) continue;
    scored.push({
      agencyId: c.id,
      agencyName: c.name,
      score: Math.round(best.score * 100) / 100,
      reason: best.via ? `与别名“${best.via}”相近` : '名称相近',
    });
  }
  scored.sort((a, b) => b.score - a.score || a.agencyName.localeCompare(b.agencyName, 'zh-CN'));
  return {
    kind: 'proposal',
    proposals: scored.slice(0, MAX_PROPOSALS),
    reason:
      scored.length === 0
        ? `本辖区没有名为“${stated}”的机关，也没有相近的名称，请选择机关。`
        : `本辖区没有名为“${stated}”的机关，下列机关名称相近，请确认。`,
  };
}
