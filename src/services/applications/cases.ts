/**
 * An application as a case: registered, listed by urgency, shown with its events and the due
 * date derived from them, moved on by events the core's state machine accepts (an illegal step
 * is a 409 with the reason), its identity shown masked except to the clerk handling it.
 *
 * Each concern lives in its own case-*.ts module; this one gathers their public API.
 */
export {
  type ApplicationSummary,
  type EventView,
  type ActionView,
  type AssignmentView,
  type FeeView,
  type ApplicationDetail,
  type CaseEnv,
  caseEnv,
  type LoadedCase,
  loadCase,
} from './case-views.js';
export { DIRECT_EVENT_TYPES, type DirectEventType, getApplication } from './case-detail.js';
export { type ListFilter, type ApplicationList, listApplications } from './case-list.js';
export {
  type Registered,
  registerApplication,
  submitPortalApplication,
} from './case-registration.js';
export { appendEvent } from './case-append.js';
export { type EventInput, recordEvent } from './case-events.js';
export { quoteFee } from './case-fees.js';
export {
  assignApplication,
  type RevealedIdentity,
  revealIdentity,
  feeQuote,
  listHandlers,
} from './case-assignment.js';
