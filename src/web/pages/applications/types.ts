import type { Handling, AttachmentView } from '../application-handoffs.js';

/** The shapes the applications API answers with, as the workspace reads them. */

export interface Summary {
  id: string;
  number: string;
  channelLabel: string;
  receivedOn: string;
  applicantName: string;
  applicantKindLabel: string;
  idNumberMasked: string | null;
  description: string;
  status: string;
  statusLabel: string;
  outcomeLabel: string | null;
  assignedUserId: string | null;
  assignedUserName: string | null;
  dueOn: string | null;
  /** 暂定: counted over a year without the State Council's holiday notice. */
  dueProvisional?: boolean;
  urgency: Urgency | null;
  workingDaysLeft: number | null;
  urgencyNote: string | null;
  deadline: { kind: 'reply' | 'correction' | 'fee'; on: string } | null;
}
export type Urgency =
  | 'overdue'
  | 'due_today'
  | 'due_soon'
  | 'on_track'
  | 'undetermined'
  | 'correction_expired'
  | 'correction_expiring'
  | 'fee_expired'
  | 'fee_expiring';

export interface EventView {
  seq: number;
  type: string;
  label: string;
  date: string;
  recordedOn: string;
  backdated: boolean;
  details: string[];
  note: string | null;
  actor: string;
  at: string;
}
export interface ActionView {
  action: string;
  label: string;
  allowed: boolean;
  reason: string | null;
}
export interface LetterView {
  id: string;
  kind: string;
  title: string;
  documentNumber?: string | null;
  issuedOn: string;
}
export interface FeeView {
  id: string;
  method: string;
  quantity: number;
  priorItems: number;
  amountYuan: string;
  status: string;
  payBy: string | null;
  waivedReason: string | null;
}
export interface Detail extends Summary {
  idTypeLabel: string;
  legalRepresentative: string | null;
  phoneMasked: string | null;
  hasAddress: boolean;
  hasEmail: boolean;
  formWantedLabel: string;
  deliveryMethodLabel: string;
  legalBasis: string | null;
  events: EventView[];
  due: { dueOn: string | null; rule: string[]; error: string | null; provisional?: boolean };
  /** The source of every day of the period (notice, holiday law, weekend). */
  dueDays?: string[];
  /** Changes of the due date when a holiday notice was entered. */
  dueChanges?: { at: string; by: string; text: string }[];
  historyProblem: string | null;
  actions: ActionView[];
  consultations: { id: string; name: string | null; endedOn: string | null; limitOn: string }[];
  correction: {
    requestedOn: string;
    correctBy: string;
    lateSubmission: { on: string; text: string | null; explanation: string | null } | null;
  } | null;
  fees: FeeView[];
  letters: LetterView[];
  handling: Handling;
  attachments: AttachmentView[];
  canReveal: boolean;
  canAssign: boolean;
  assignments: { at: string; from: string | null; to: string | null; by: string }[];
}
export interface ApprovalView {
  id: string;
  kindLabel: string;
  summary: string;
  status: string;
  currentLevelLabel: string | null;
  requestedBy: string;
  requestedAt: string;
  steps: { levelLabel: string; decision: string; comment: string | null; by: string }[];
  canDecide: boolean;
  canWithdraw: boolean;
}
