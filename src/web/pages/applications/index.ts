/** The applications module of the workspace: the case list by urgency, registration, a case. */
export { ApplicationsPage } from './list.js';
export { RegisterApplicationPage } from './register.js';
export { ApplicationDetailPage } from './detail.js';
export type { Summary } from './types.js';
export { URGENCY_LABELS, UrgencyBadge } from './urgency.js';
