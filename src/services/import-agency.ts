/**
 * Import safety: a report read from a published document names the agency that published it.
 * Saving the reading under the chosen agency needs no more when the name read is that agency's
 * name or one of its recorded aliases. Otherwise — another agency's name, a name misread, or no
 * name read at all — only a supervisor over the agency may save it there, by confirming so
 * explicitly with a reason; the confirmation goes into the audit trail with the import.
 */
import { can } from '../core/auth/roles.js';
import { AppError } from '../core/errors.js';
import { matchAgencyName } from '../core/supervision/agency-names.js';
import type { Db } from '../store/database.js';
import { nameCandidates } from './agency-aliases.js';
import { actorLabel, type Actor } from './context.js';
import { agencyTarget } from './organisations.js';

/** The supervisor's confirmation that a reading naming another agency belongs to this one. */
export interface AgencyConfirmation {
  reason: string;
}

/** A confirmed mismatch, as the audit trail and the version's source keep it. */
export interface ConfirmedAgency {
  /** The agency the reading names ('' when none was read). */
  stated: string;
  /** The agency it was saved under. */
  chosen: string;
  reason: string;
  confirmedBy: string;
}

const MIN_REASON = 4;
const MAX_REASON = 500;

/**
 * Checks that a reading may be saved under the agency: null when the name read is the agency's
 * name or a recorded alias; the confirmation when a supervisor confirmed a mismatch. Throws,
 * naming both agencies, when the mismatch is not confirmed, not confirmed by a supervisor over
 * the agency, or confirmed without a reason.
 */
export async function checkImportAgency(
  db: Db,
  actor: Actor,
  agency: { id: string; name: string },
  stated: string,
  confirmation: AgencyConfirmation | undefined,
): Promise<ConfirmedAgency | null> {
  const name = stated.trim();
  const match = matchAgencyName(name, await nameCandidates(db, [agency]));
  if (match.kind === 'name' || match.kind === 'alias') return null;
  const what = name
    ? `读出的机关是“${name}”，不是所选的“${agency.name}”，也不是其已登记的别名`
    : `没有从文件中读出机关名称，无法确认它是“${agency.name}”的报告`;
  if (!confirmation) {
    throw new AppError(
      'validation_failed',
      `${what}。请选择正确的机关；确属该机关的（如简称、曾用名、读错的字），须由政务公开办（监督）人员确认并填写理由后保存，或先为该机关登记别名。`,
      { field: 'agencyConfirmation', reason: 'agency_mismatch', stated: name, chosen: agency.name },
    );
  }
  const target = await agencyTarget(db, agency.id);
  if (actor.kind !== 'user' || !target || !can(actor.principal, 'supervision.import', target)) {
    throw new AppError(
      'forbidden',
      `${what}。只有负责该机关的政务公开办（监督）人员可以确认保存；请联系监督人员，或选择正确的机关。`,
      { reason: 'agency_mismatch' },
    );
  }
  const reason = confirmation.reason.trim();
  if (reason.length < MIN_REASON || reason.length > MAX_REASON) {
    throw new AppError(
      'validation_failed',
      `${what}。确认保存到该机关须写明理由（${MIN_REASON}–${MAX_REASON} 个字），例如“报告使用机关简称”。`,
      { field: 'agencyConfirmation.reason' },
    );
  }
  return { stated: name, chosen: agency.name, reason, confirmedBy: actorLabel(actor) };
}
