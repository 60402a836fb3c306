import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation.js';
import * as annualReports from './0002-annual-reports.js';
import * as applications from './0003-applications.js';
import * as applicationNumberIndex from './0004-application-number-index.js';
import * as reportVersionIntegrity from './0005-report-version-integrity.js';
import * as auditHead from './0006-audit-head.js';
import * as nationalCalendarYears from './0007-national-calendar-years.js';
import * as reportUploads from './0008-report-uploads.js';
import * as proactiveItems from './0009-proactive-items.js';
import * as proactiveReview from './0010-proactive-review.js';
import * as proactiveSuccessorIndex from './0011-proactive-successor-index.js';
import * as calendarNotices from './0030-calendar-notices.js';
import * as reminders from './0031-reminders.js';
import * as reviewChains from './0035-review-chains.js';
import * as replyClauses from './0036-reply-clauses.js';
import * as threeAdministrators from './0040-three-administrators.js';
import * as secondFactor from './0041-second-factor.js';
import * as passwordPolicy from './0042-password-policy.js';
import * as rateLimits from './0043-rate-limits.js';
import * as sessionAssurance from './0044-session-assurance.js';
import * as auditRetention from './0045-audit-retention.js';
import * as agencyAliases from './0050-agency-aliases.js';
import * as findingReviews from './0051-finding-reviews.js';
import * as bulkImports from './0052-bulk-imports.js';
import * as supervisionSettings from './0053-supervision-settings.js';
import * as reportVersionDatesIndex from './0054-report-version-dates-index.js';
import * as applicationReplyIndex from './0055-application-reply-index.js';
import * as reportVersionSummary from './0056-report-version-summary.js';
import * as handoffsAndLetterNumbers from './0060-handoffs-and-letter-numbers.js';
import * as portalGeneration from './0070-portal-generation.js';
import * as portalGenerationPublicOnly from './0076-portal-generation-public-only.js';
import * as proactiveSearchTitleFts from './0077-proactive-search-title-fts.js';
import * as proactiveSearchDateIndex from './0095-proactive-search-date-index.js';
import * as proactiveSearchNumberTrgm from './0096-proactive-search-number-trgm.js';

/**
 * Every migration, in order. Names never change once landed; a new change is a new file.
 * Listed in code (not read from disk) so the compiled server and the tests run the same set.
 */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-annual-reports': annualReports,
  '0003-applications': applications,
  '0004-application-number-index': applicationNumberIndex,
  '0005-report-version-integrity': reportVersionIntegrity,
  '0006-audit-head': auditHead,
  '0007-national-calendar-years': nationalCalendarYears,
  '0008-report-uploads': reportUploads,
  '0009-proactive-items': proactiveItems,
  '0010-proactive-review': proactiveReview,
  '0011-proactive-successor-index': proactiveSuccessorIndex,
  '0030-calendar-notices': calendarNotices,
  '0031-reminders': reminders,
  '0035-review-chains': reviewChains,
  '0036-reply-clauses': replyClauses,
  '0040-three-administrators': threeAdministrators,
  '0041-second-factor': secondFactor,
  '0042-password-policy': passwordPolicy,
  '0043-rate-limits': rateLimits,
  '0044-session-assurance': sessionAssurance,
  '0045-audit-retention': auditRetention,
  '0050-agency-aliases': agencyAliases,
  '0051-finding-reviews': findingReviews,
  '0052-bulk-imports': bulkImports,
  '0053-supervision-settings': supervisionSettings,
  '0054-report-version-dates-index': reportVersionDatesIndex,
  '0055-application-reply-index': applicationReplyIndex,
  '0056-report-version-summary': reportVersionSummary,
  '0060-handoffs-and-letter-numbers': handoffsAndLetterNumbers,
  '0070-portal-generation': portalGeneration,
  '0076-portal-generation-public-only': portalGenerationPublicOnly,
  '0077-proactive-search-title-fts': proactiveSearchTitleFts,
  '0095-proactive-search-date-index': proactiveSearchDateIndex,
  '0096-proactive-search-number-trgm': proactiveSearchNumberTrgm,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
