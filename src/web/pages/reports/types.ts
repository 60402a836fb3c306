import { mayInAgency, type WorkContext } from '../../session.js';
import type { Finding } from '../../../core/report/findings.js';
import type { ReportDraft } from '../../../core/report/draft.js';
import type { AnnualReport } from '../../../core/report/model.js';

/** What the reports API answers with, and who may do what with a report. */

export interface ReportListItem {
  year: number;
  hasDraft: boolean;
  latestVersion: number;
  publishedOn: string | null;
  draftUpdatedAt: string | null;
}

export interface VersionSummary {
  version: number;
  publishedOn: string;
  publishedBy: string;
  correctionReason: string | null;
  errors: number;
  warnings: number;
}

export interface ReportDetail {
  agencyName: string;
  year: number;
  draft: ReportDraft | null;
  draftUpdatedAt: string | null;
  report: AnnualReport;
  findings: Finding[];
  versions: VersionSummary[];
  /** The latest request to publish along the review chain (审核流程). */
  approval: {
    id: string;
    status: 'pending' | 'approved' | 'returned' | 'withdrawn';
    currentLevelLabel: string | null;
    requestedBy: string;
    requestedAt: string;
    canWithdraw: boolean;
    steps: { levelLabel: string; decision: string; comment: string | null; by: string }[];
  } | null;
}

export const FORMAT_NAMES: [string, string][] = [
  ['pdf', 'PDF'],
  ['docx', 'Word'],
  ['html', '网页'],
  ['json', 'JSON'],
  ['csv', 'CSV'],
  ['txt', '文本'],
];

export const SEVERITY_NAMES: Record<string, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

/**
 * Edits a draft / publishes: what the API lets the person do in the context's agency (report.edit,
 * report.publish, by every grant of theirs — WorkContext.permissions). 三员分立: no administrator
 * — the system administrator does no business work, and so never reads the 主动公开 register either.
 */
export const canEdit = (context: WorkContext | null) => mayInAgency(context, 'report.edit');
export const canPublish = (context: WorkContext | null) => mayInAgency(context, 'report.publish');
