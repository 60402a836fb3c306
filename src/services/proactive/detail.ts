/**
 * One item as its page shows it: the item, its attachments, its earlier versions, the
 * interpretations of a policy (and the policy of an interpretation) with the lag between them,
 * and the document that replaced it or that it replaced.
 */
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import { listItemAttachments } from './attachments.js';
import type { itemVersions } from './item-changes.js';
import { getItem } from './items.js';
import { versionsOf } from './item-changes.js';
import { toItem, type Attachment, type ProactiveItem } from './model.js';

export interface LinkedItem {
  id: string;
  title: string;
  documentNumber: string | null;
  publishedOn: string | null;
  status: string;
  interpretationForm: string | null;
  /** Calendar days from the policy's publication to the interpretation's (null when either is unpublished). */
  lagDays: number | null;
}

export interface ItemDetail {
  item: ProactiveItem;
  attachments: Attachment[];
  versions: Awaited<ReturnType<typeof itemVersions>>;
  policy: LinkedItem | null;
  interpretations: LinkedItem[];
  successor: LinkedItem | null;
  replaces: LinkedItem[];
}

const days = (from: string | null, to: string | null) =>
  from && to
    ? Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
    : null;

const linked = (item: ProactiveItem, lagFrom: string | null = null): LinkedItem => ({
  id: item.id,
  title: item.title,
  documentNumber: item.documentNumber,
  publishedOn: item.publishedOn,
  status: item.status,
  interpretationForm: item.interpretationForm,
  lagDays: days(lagFrom, item.publishedOn),
});

/** `publicOnly`: only what the portal may show (published links; no drafts). */
export async function itemDetail(
  db: Db,
  agencyId: string,
  id: string,
  publicOnly = false,
): Promise<ItemDetail> {
  const item = await getItem(db, agencyId, id);
  const visible = (i: ProactiveItem) => !publicOnly || i.status === 'published';
  // Everything else at once, the item read once (itemVersions would read it again).
  const [attachments, versions, interpretations, replaces, policyRow, successorRow] =
    await Promise.all([
      listItemAttachments(db, id),
      versionsOf(db, id),
      repo.listInterpretationsOf(db, id),
      repo.listReplacedBy(db, id),
      item.policyId ? repo.findItem(db, agencyId, item.policyId) : undefined,
      item.successorId ? repo.findItem(db, agencyId, item.successorId) : undefined,
    ]);
  const policy = policyRow ? toItem(policyRow) : null;
  const successor = successorRow ? toItem(successorRow) : null;
  return {
    item,
    attachments,
    versions,
    policy:
      policy && visible(policy)
        ? { ...linked(policy), lagDays: days(policy.publishedOn, item.publishedOn) }
        : null,
    interpretations: interpretations
      .map(toItem)
      .filter(visible)
      .map((i) => linked(i, item.publishedOn)),
    successor: successor && visible(successor) ? linked(successor) : null,
    replaces: replaces
      .map(toItem)
      .filter(visible)
      .map((i) => linked(i)),
  };
}
