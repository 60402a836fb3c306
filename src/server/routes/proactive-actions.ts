/**
 * What a person may do with one proactive item, decided by the check the routes' guards make
 * (`can` on the route's permission for the item's agency) and the item's state the services
 * require. The item page renders its controls from this list, so it shows no button the API
 * would refuse and hides none it would allow — whatever role name the work context carries.
 */
import type { FastifyRequest } from 'fastify';
import { can, type Permission } from '../../core/auth/roles.js';
import { hasValidity } from '../../core/proactive/categories.js';
import type { ServiceContext } from '../../services/context.js';
import { agencyTarget } from '../../services/organisations.js';
import type { ProactiveItem } from '../../services/proactive/model.js';

/** The permission each action's route is guarded by (the routes take it from here). */
export const ITEM_ACTION_PERMISSIONS = {
  /** PUT …/items/:itemId — a draft. */
  edit: 'proactive.edit',
  /** POST/DELETE …/items/:itemId/attachments — a draft's. */
  attach: 'proactive.edit',
  /** POST …/items/:itemId/submit — a draft. */
  submit: 'proactive.edit',
  /** Draft an interpretation of this document, or link one to it (PUT of the interpretation). */
  interpret: 'proactive.edit',
  /** Link a published interpretation to this document: a correction of the interpretation. */
  linkPublished: 'proactive.publish',
  /** Change which policy this interpretation reads (PUT of a draft, correction once published). */
  link: 'proactive.edit',
  /** POST …/items/:itemId/correction — a published item. */
  correct: 'proactive.publish',
  /** POST …/items/:itemId/withdraw — a published item. */
  withdraw: 'proactive.publish',
  /** POST …/items/:itemId/validity — a 规章 or 行政规范性文件 in force. */
  validity: 'proactive.publish',
  /** POST …/items/:itemId/review — at the level the engine says is this person's. */
  review: 'review.decide',
  /** POST …/approvals/:approvalId/withdraw (routes/approvals.ts) — one's own pending request. */
  withdrawReview: 'review.submit',
} as const satisfies Record<string, Permission>;

export type ItemAction = keyof typeof ITEM_ACTION_PERMISSIONS;

/** The route guard of an action: the same permission the allowed actions are computed from. */
export const actionPerm = (action: ItemAction) =>
  ({
    access: { kind: 'permission', permission: ITEM_ACTION_PERMISSIONS[action], target: 'agency' },
  }) as const;

/** The pending review of the item as the engine sees it for this person. */
interface PendingReview {
  canDecide: boolean;
  canWithdraw: boolean;
}

/** Whether the item's state admits the action (what the services check before acting). */
function stateAdmits(
  action: ItemAction,
  item: Pick<ProactiveItem, 'status' | 'kind' | 'validity'>,
  pending: PendingReview | null,
): boolean {
  switch (action) {
    case 'edit':
    case 'attach':
    case 'submit':
      return item.status === 'draft';
    case 'interpret':
    case 'linkPublished':
      return item.kind !== 'interpretation' && item.status !== 'withdrawn';
    case 'link':
      return (
        item.kind === 'interpretation' && (item.status === 'draft' || item.status === 'published')
      );
    case 'correct':
    case 'withdraw':
      return item.status === 'published';
    case 'validity':
      return item.status === 'published' && hasValidity(item.kind) && item.validity === 'in_force';
    case 'review':
      return !!pending?.canDecide;
    case 'withdrawReview':
      return !!pending?.canWithdraw;
  }
}

/**
 * The actions open to the request's person on the item: the guard's permission held for the
 * item's agency (any of the person's grants, as the guard counts them) and the state admitting it.
 */
export async function allowedActions(
  ctx: ServiceContext,
  request: FastifyRequest,
  agencyId: string,
  item: Pick<ProactiveItem, 'status' | 'kind' | 'validity'>,
  pending: PendingReview | null,
): Promise<ItemAction[]> {
  const principal = request.session?.principal;
  const target = await agencyTarget(ctx.store.db, agencyId);
  if (!principal || !target) return [];
  const actions = Object.keys(ITEM_ACTION_PERMISSIONS) as ItemAction[];
  return actions.filter((action) => {
    // A published interpretation is relinked by a correction: the correction's permission.
    const permission: Permission =
      action === 'link' && item.status === 'published'
        ? ITEM_ACTION_PERMISSIONS.correct
        : ITEM_ACTION_PERMISSIONS[action];
    return stateAdmits(action, item, pending) && can(principal, permission, target);
  });
}
