/**
 * Narrative for sections 一、五、六 of a draft, for tests that publish a report and are not about
 * its prose: a report whose narrative is blank is refused (missing-section, 条例第五十条). The
 * text names no year and no count, so it agrees with any tables.
 */
import type { Actor, ServiceContext } from '../../src/services/context.js';
import { getReport, saveDraft, type DraftEdit } from '../../src/services/reports.js';

export const NARRATIVE = {
  overview: '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。',
  problems: '政策解读形式还不够丰富。下一步将加强培训，提升政府信息公开工作质量。',
  other: '本年度未收取信息处理费。',
} as const;

/** The draft with every blank section 一、五、六 given its narrative. */
export function withNarrative<T extends Pick<DraftEdit, 'sections'>>(draft: T): T {
  return {
    ...draft,
    sections: draft.sections.map((s) => {
      const text = s.key && s.key in NARRATIVE ? NARRATIVE[s.key as keyof typeof NARRATIVE] : null;
      if (text === null || s.text.trim() !== '') return s;
      const { html: _html, ...rest } = s;
      return { ...rest, text };
    }),
  };
}

/** Saves the narrative into the agency's draft for the year (which must exist). */
export async function fillNarrative(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<void> {
  const detail = await getReport(ctx, agencyId, year);
  if (!detail.draft) throw new Error(`no draft for ${year}`);
  const { figureSources: _sources, ...edit } = detail.draft;
  await saveDraft(ctx, actor, agencyId, year, withNarrative(edit));
}
