/**
 * The review-chain engine (审核流程): everything an agency approves before it takes effect —
 * a reply, an extension, publishing or correcting the annual report, a proactive item — goes
 * through one mechanism.
 *
 * API (stable; other modules plug in here):
 * - `registerSubjectKind(def)` once at module load, per kind (e.g. 'application.reply',
 *   'report.publish', 'proactive_item.publish'): its label, default chain (levels of roles),
 *   the lock key and audit entity of a subject, a summary of a payload, and `onApproved` (which
 *   makes the change, in the deciding transaction). Optional: `onReturned`, `preview` (what the
 *   reviewer sees: the document as it will go out, the timeline, the reasons), `subjectLabels`,
 *   `applicationIdOf` (links notifications to a case). Add the module to ./kinds.ts so that the
 *   routes see it.
 * - `chainFor(db, agencyId, kind)` / `listChains` / `setChain(ctx, actor, agencyId, kind,
 *   levels)`: a chain per agency per kind; absent = the kind's default.
 * - `submit(ctx, t, actor, {agencyId, kind, subjectId, payload, note?})` inside the caller's
 *   transaction (holding the subject's lock): returns the new request's id, or null when the
 *   chain is empty — then the caller makes the change itself, at once. One pending request per
 *   kind and subject.
 * - `decide(ctx, actor, agencyId, requestId, {decision: 'approve'|'return', comment, extra?})`: a
 *   reviewer of the current level decides; no one decides their own submission, nor two levels
 *   of one request; a return needs a comment, ends the request and goes back to the author (in
 *   the notifications and the record); every approval first passes the kind's `beforeApprove`
 *   for its level (with `extra`, e.g. a checklist), the last one then calls `onApproved`.
 * - `withdraw(ctx, actor, agencyId, requestId)`: the author takes a pending request back
 *   (`onWithdrawn` lets the subject follow).
 * - `listRequests` (the inbox: `{ scope: 'inbox' }` = what the person may decide now),
 *   `requestsOfSubject`, `requestDetail` (with the kind's preview).
 * Every state change is in the audit trail: `${auditPrefix}.approval_submit|approve|return|
 * withdraw` and `review_chain.update`.
 *
 * This module is the API; the code is in ./chains.ts (chains, who holds a level), ./views.ts (what
 * a request shows) and ./decisions.ts (submit, decide, withdraw), the kinds in ./registry.ts.
 */
export {
  CHAIN_ROLES,
  chainFor,
  chainProblem,
  levelLabel,
  listChains,
  setChain,
  type ChainLevel,
  type ChainView,
} from './chains.js';
export { decide, pendingRequest, submit, withdraw } from './decisions.js';
/** A request as the kind's hooks get it. */
export {
  registerSubjectKind,
  subjectKind,
  subjectKinds,
  type ApprovalRecord,
  type ReviewPreview,
  type SubjectKindDef,
} from './registry.js';
export {
  listRequests,
  requestDetail,
  requestsOfSubject,
  type ApprovalDecision,
  type ApprovalDetail,
  type ApprovalStatus,
  type ApprovalStepView,
  type ApprovalView,
} from './views.js';
