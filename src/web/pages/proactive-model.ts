/** The workspace's view of a proactive item and its reviews (as the API returns them). */
import type { CatalogueCycle, CatalogueStatus } from '../../core/proactive/catalogue.js';
import type {
  Channel,
  InterpretationForm,
  ItemKind,
  VALIDITY_LABELS,
} from '../../core/proactive/categories.js';
import type { ItemAction } from '../../server/routes/proactive-actions.js';

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
  policyId?: string | null;
  interpretationForm?: InterpretationForm | null;
  catalogueEntryId?: string | null;
  version?: number;
  status: string;
  withdrawnReason: string | null;
  authorUserId: string | null;
}

/** A policy or an interpretation as the other's page shows it (services/proactive/detail). */
export interface LinkedItem {
  id: string;
  title: string;
  documentNumber: string | null;
  publishedOn: string | null;
  status: string;
  interpretationForm: InterpretationForm | null;
  /** Days from the policy's publication to the interpretation's; null when either is unpublished. */
  lagDays: number | null;
}

export interface ItemVersion {
  version: number;
  reason: string;
  replacedAt: string;
  replacedBy: string;
  item: Item;
}

export interface ItemDetail {
  item: Item;
  /** What the signed-in person may do with the item, as the API's guards decide (routes/proactive-actions). */
  allowedActions: ItemAction[];
  attachments: { id: string; filename: string; size: number }[];
  versions: ItemVersion[];
  policy: LinkedItem | null;
  interpretations: LinkedItem[];
}

/** “滞后 3 天”: how long after the policy its interpretation came out. */
export function lagText(lagDays: number | null): string {
  if (lagDays === null) return '尚未发布，暂无法计算';
  if (lagDays === 0) return '同日发布';
  return lagDays > 0 ? `滞后 ${lagDays} 天` : `提前 ${-lagDays} 天`;
}

export interface CatalogueEntryFields {
  matter: string;
  content: string;
  basis: string;
  timeLimit: string;
  subject: string;
  channels: string;
  audience: string;
  method: string;
  level: string;
  cycle: CatalogueCycle;
  startsOn: string;
  dueDays: number;
}

export interface CatalogueEntry extends CatalogueEntryFields {
  id: string;
  status: CatalogueStatus;
  itemCount: number;
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

/** A figure of table 二 第二十条(一) and the items it counts. */
export interface TracedFigure {
  value: number;
  itemIds: string[];
}
type TracedRow = { issued: TracedFigure; repealed: TracedFigure; in_force: TracedFigure };

/** The register's figures of a year for table 二 and the section 一 sentence (GET …/proactive/figures/:year). */
export interface RegisterFigures {
  year: number;
  item1: { regulations: TracedRow; normative_documents: TracedRow };
  entered: {
    licensing: number;
    penalty: number;
    coercion: number;
    feesFen: number;
    source: string;
    enteredAt: string;
    enteredBy: string;
  } | null;
  sectionOne: string;
}
