/**
 * The one table 三 outcome an application counts under when its reply decided several parts
 * differently. The format's only counting instruction: 部分公开（区分处理的，只计这一情形，不计其他情形）.
 */
import { OUTCOME_ROW_KEYS, type OutcomeRowKey } from '../report/format.js';

/**
 * The statistical outcome of a reply whose parts had `parts` outcomes:
 * - any part disclosed and any part not (withheld, unable, not processed) → 部分公开;
 * - every part disclosed → 予以公开;
 * - otherwise the first in the official order of table 三 (不予公开 before 无法提供 before
 *   不予处理 before 其他处理, and within a group in its numbered order) — the documented
 *   precedence for mixed outcomes that the format leaves open.
 *
 * @example primaryOutcome(['disclosed', 'withheld.state_secret']) // 'partially_disclosed'
 */
export function primaryOutcome(parts: readonly OutcomeRowKey[]): OutcomeRowKey {
  if (parts.length === 0) throw new Error('primaryOutcome needs at least one part');
  if (parts.includes('partially_disclosed')) return 'partially_disclosed';
  const disclosed = parts.filter((p) => p === 'disclosed').length;
  if (disclosed === parts.length) return 'disclosed';
  if (disclosed > 0) return 'partially_disclosed';
  return [...parts].sort((a, b) => OUTCOME_ROW_KEYS.indexOf(a) - OUTCOME_ROW_KEYS.indexOf(b))[0]!;
}
