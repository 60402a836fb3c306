/** The workspace's view of a proactive item and its reviews (as the API returns them). */
import type { Channel, ItemKind, VALIDITY_LABELS } from '../../core/proactive/categories.js';

export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  in_review: '审查中',
  approved: '审查通过',
  published: '已发布',
  withdrawn: '已撤回',
};

export interface Item {
  id: string;
  indexNumber: string;
  kind: ItemKind;
  title: string;
  bodyHtml: string;
  summary: string;
  documentNumber: string | null;
  issuingBody: string;
  writtenOn: string | null;
  publishedOn: string | null;
  topic: string;
  genre: string;
  article20Category: string;
  channels: Channel[];
  validity: keyof typeof VALIDITY_LABELS | null;
  validityChangedOn?: string | null;
  successorId?: string | null;
  status: string;
  withdrawnReason: string | null;
  authorUserId: string | null;
}

export interface Review {
  id: string;
  status: string;
  currentLevelIndex: number | null;
  currentLevelLabel: string | null;
  canDecide: boolean;
  canWithdraw: boolean;
  requestedBy: string;
  steps: { levelLabel: string; decision: string; comment: string | null; by: string; at: string }[];
}
