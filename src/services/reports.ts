/**
 * The annual reports of an agency: drafts, publication through the review chain, documents and
 * imports. Split by concern under ./reports/; this module is what the rest of the system imports.
 */
export { DOCUMENT_FORMATS, type DocumentFormat } from '../render/index.js';
export {
  FIRST_REPORT_YEAR,
  htmlToText,
  type ImportSource,
  type RenderedDocument,
  type ReportDetail,
  type ReportListItem,
  type VersionSummary,
} from './reports/common.js';
export {
  createReport,
  diffVersions,
  getReport,
  listReports,
  saveDraft,
  startCorrection,
  versionReport,
  type DraftEdit,
} from './reports/drafts.js';
export {
  draftHash,
  preparePublication,
  publishReport,
  writePublication,
  type PreparedPublication,
} from './reports/publication.js';
export {
  listPublishedReports,
  reportDocument,
  type PublishedReportItem,
} from './reports/documents.js';
export {
  importReport,
  recordReportUpload,
  versionSource,
  writeImportedVersion,
} from './reports/imports.js';
