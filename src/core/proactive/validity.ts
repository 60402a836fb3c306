/**
 * The validity of a 规章 or 行政规范性文件 over the years, and the banner its page shows when it
 * is no longer in force (国办发〔2017〕47号: the page marks it and links its successor).
 */
import { VALIDITY_LABELS, type Validity } from './categories.js';

export interface ValidityState {
  validity: Validity;
  /** The date the item stopped being in force as it was (repeal, amendment, expiry). */
  changedOn: string | null;
  /** The item that amended or repealed it, if any. */
  successor: { id: string; title: string; documentNumber: string | null } | null;
}

/**
 * Why a validity change is refused — every problem, each with the field at fault — or [] when
 * it may be made. Only an in-force document changes validity.
 */
export function validityChangeProblems(
  current: Validity,
  next: Validity,
  changedOn: string,
  writtenOn: string | null,
  successorId: string | null,
  selfId: string,
): { field: 'validity' | 'changedOn' | 'successorId'; message: string }[] {
  if (current !== 'in_force')
    return [
      {
        field: 'validity',
        message: `该文件${VALIDITY_LABELS[current]}，有效性不能再改变；如需恢复，请发布新的文件。`,
      },
    ];
  const problems: ReturnType<typeof validityChangeProblems> = [];
  if (next === 'in_force') problems.push({ field: 'validity', message: '该文件已经有效。' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(changedOn))
    problems.push({ field: 'changedOn', message: '请填写有效性变化的日期（YYYY-MM-DD）。' });
  else if (writtenOn && changedOn < writtenOn)
    problems.push({
      field: 'changedOn',
      message: `有效性变化日期（${changedOn}）不能早于成文日期（${writtenOn}）。`,
    });
  if (successorId === selfId)
    problems.push({ field: 'successorId', message: '文件不能被它自己修改或废止。' });
  if (next === 'amended' && !successorId)
    problems.push({ field: 'successorId', message: '已修改的文件须指明修改它的文件。' });
  return problems;
}

/** The banner of an item page, or null when the document is in force (or has no validity). */
export function validityBanner(state: ValidityState): string | null {
  if (state.validity === 'in_force') return null;
  const when = state.changedOn ? `自${state.changedOn}起` : '';
  const by = state.successor
    ? `，由《${state.successor.title}》${state.successor.documentNumber ? `（${state.successor.documentNumber}）` : ''}${state.validity === 'amended' ? '修改' : state.validity === 'repealed' ? '废止' : '替代'}`
    : '';
  const verb = { amended: '已修改', repealed: '已废止', expired: '已失效' }[state.validity];
  return `本文件${when}${verb}${by}，仅供查阅，不再作为依据。`;
}
