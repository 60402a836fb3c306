/**
 * 保密审查 (先审查、后公开): the checklist the first reviewer completes before an item goes
 * out — the five standard questions and the agency's own. Each is answered 不涉及, or 涉及 but
 * handled (removed, anonymised — say how), or 涉及 and not to be published (the item must be
 * returned). Every answer is required.
 */

export const STANDARD_SECRECY_ITEMS = [
  { key: 'state_secret', label: '涉及国家秘密' },
  { key: 'sensitive', label: '涉及敏感信息（可能危及国家安全、公共安全、经济安全、社会稳定）' },
  { key: 'personal', label: '涉及个人信息（身份证件号码、联系方式、住址等个人隐私）' },
  { key: 'commercial', label: '涉及商业秘密' },
  { key: 'internal', label: '属于内部事务信息或过程性信息' },
] as const;

export const SECRECY_ANSWERS = ['clear', 'handled', 'present'] as const;
export type SecrecyAnswer = (typeof SECRECY_ANSWERS)[number];
export const SECRECY_ANSWER_LABELS: Record<SecrecyAnswer, string> = {
  clear: '不涉及',
  handled: '涉及，已作处理',
  present: '涉及，不宜公开',
};

export interface SecrecyCheckItem {
  key: string;
  label: string;
}

export interface SecrecyCheck {
  key: string;
  answer: SecrecyAnswer;
  note?: string;
}

/** The agency's checklist: the standard items, then its own (keys `agency_N`). */
export function secrecyChecklist(agencyItems: readonly string[]): SecrecyCheckItem[] {
  return [
    ...STANDARD_SECRECY_ITEMS,
    ...agencyItems.map((label, i) => ({ key: `agency_${i + 1}`, label })),
  ];
}

/** What is wrong with a completed checklist, one entry per question (field `checks.KEY`). */
export function secrecyProblems(
  checklist: readonly SecrecyCheckItem[],
  checks: readonly SecrecyCheck[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const item of checklist) {
    const check = checks.find((c) => c.key === item.key);
    const field = `checks.${item.key}`;
    if (!check || !SECRECY_ANSWERS.includes(check.answer))
      problems.push({ field, message: `保密审查清单未填完：请回答“${item.label}”。` });
    else if (check.answer === 'handled' && !check.note?.trim())
      problems.push({
        field,
        message: `“${item.label}”选择了“涉及，已作处理”，请说明如何处理（如已删除、已作匿名化处理）。`,
      });
    else if (check.answer === 'present')
      problems.push({
        field,
        message: `“${item.label}”：涉及不宜公开的内容，不能审查通过；请退回经办人修改，并写明理由。`,
      });
  }
  return problems;
}

/** Why a completed checklist does not allow approving the item (the first problem), or null. */
export function secrecyProblem(
  checklist: readonly SecrecyCheckItem[],
  checks: readonly SecrecyCheck[],
): string | null {
  return secrecyProblems(checklist, checks)[0]?.message ?? null;
}
