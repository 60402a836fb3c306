/**
 * The letters of a case: composed when the event that calls for them is recorded (a correction
 * request, an approved extension, a fee notice, a reply), kept as issued, and rendered to PDF,
 * DOCX or HTML on first download (then kept as a blob, like a published report's documents).
 */
import { randomUUID } from 'node:crypto';
import { dueDateOfState } from '../../core/applications/due-date.js';
import type { ApplicationEvent, ApplicationState } from '../../core/applications/events.js';
import { AppError, notFound } from '../../core/errors.js';
import { recordChange } from '../audit.js';
import type { ProcessingFee } from '../../core/fees/processing-fee.js';
import {
  LETTER_MEDIA_TYPES,
  renderLetter,
  type LetterFormat,
} from '../../render/letters/documents.js';
import {
  acknowledgementLetter,
  consultationLetter,
  consultationNoticeLetter,
  correctionLetter,
  extensionLetter,
  forwardLetter,
  feeLetter,
  lapseLetter,
  LETTER_TITLES,
  replyLetter,
  type LetterCase,
  type LetterContent,
  type LetterKind,
} from '../../render/letters/templates.js';
import type { Db, Trx } from '../../store/database.js';
import { putBlob } from '../../store/repositories/blobs.js';
import * as repo from '../../store/repositories/applications.js';
import type { ApplicationRow } from '../../store/repositories/applications.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import { assignLetterNumber } from './letter-numbers.js';
import { DELIVERY_LABELS, FORM_LABELS } from './model.js';
import type { CaseEnv } from './cases.js';

export interface LetterView {
  id: string;
  kind: LetterKind;
  title: string;
  /** 文号; null on letters issued before numbering. */
  documentNumber: string | null;
  issuedOn: string;
  createdAt: string;
  createdBy: string;
}

export function letterCaseOf(row: ApplicationRow, state: ApplicationState): LetterCase {
  return {
    number: row.number,
    applicantName: row.applicant_name,
    receivedOn: row.received_on,
    description: row.description,
    correctionRequestedOn: state.correction?.requestedOn ?? null,
    correctionReceivedOn: state.correction?.receivedOn ?? null,
    correctedDescription: state.correction?.text ?? null,
    formWanted: FORM_LABELS[row.form_wanted as keyof typeof FORM_LABELS] ?? row.form_wanted,
    deliveryMethod:
      DELIVERY_LABELS[row.delivery_method as keyof typeof DELIVERY_LABELS] ?? row.delivery_method,
  };
}

/** Composes and stores the letter an event calls for; nothing for other events. */
export async function issueLetter(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  input: {
    row: ApplicationRow;
    state: ApplicationState;
    event: ApplicationEvent;
    seq: number;
    note: string | null;
    env: CaseEnv;
    fee?: { quantity: number; priorItems: number; fee: ProcessingFee };
  },
): Promise<void> {
  const { row, state, event, env } = input;
  const agency = await getAgency(t, row.agency_id);
  const c = letterCaseOf(row, state);
  let content: LetterContent | null = null;
  const more: LetterContent[] = [];
  switch (event.type) {
    case 'consultation_started': {
      const consulted = state.consultations.find((x) => x.id === event.consultationId);
      content = consultationLetter({
        agency,
        case: c,
        issuedOn: event.date,
        party: event.party,
        partyName: event.name ?? null,
        limitOn: consulted?.limitOn ?? event.date,
      });
      more.push(
        consultationNoticeLetter({ agency, case: c, issuedOn: event.date, party: event.party }),
      );
      break;
    }
    case 'forwarded':
      content = forwardLetter({
        agency,
        case: c,
        issuedOn: event.date,
        agencyName: event.agencyName,
        contact: event.contact ?? null,
        details: input.note,
        reviewBody: env.settings.effectiveReviewBody,
        court: env.settings.court,
      });
      break;
    case 'correction_requested':
      content = correctionLetter({
        agency,
        case: c,
        issuedOn: event.date,
        correctBy: event.correctBy,
        request: input.note ?? '',
      });
      break;
    case 'extension_approved':
      content = extensionLetter({
        agency,
        case: c,
        issuedOn: event.date,
        workingDays: event.workingDays,
        newDueOn: dueDateOfState(state, env.calendar).dueOn ?? event.date,
        reason: event.reason ?? input.note,
      });
      break;
    case 'fee_notice_issued':
      if (input.fee && state.fee) {
        content = feeLetter({
          agency,
          case: c,
          issuedOn: event.date,
          method: event.method,
          quantity: input.fee.quantity,
          priorItems: input.fee.priorItems,
          totalFen: input.fee.fee.totalFen,
          bands: input.fee.fee.bands,
          payBy: state.fee.payBy,
          waitExcluded: state.clock.feeWait === 'excluded',
        });
      }
      break;
    case 'correction_lapsed':
      if (state.correction) {
        content = lapseLetter({
          agency,
          case: c,
          issuedOn: event.date,
          outcome: 'other.no_correction',
          facts: {
            kind: 'correction',
            requestedOn: state.correction.requestedOn,
            correctBy: state.correction.correctBy,
          },
          details: input.note,
          reviewBody: env.settings.effectiveReviewBody,
          court: env.settings.court,
        });
      }
      break;
    case 'fee_lapsed':
      if (state.fee) {
        content = lapseLetter({
          agency,
          case: c,
          issuedOn: event.date,
          outcome: 'other.fee_unpaid',
          facts: {
            kind: 'fee',
            issuedOn: state.fee.issuedOn,
            amountFen: state.fee.amountFen,
            payBy: state.fee.payBy,
          },
          details: input.note,
          reviewBody: env.settings.effectiveReviewBody,
          court: env.settings.court,
        });
      }
      break;
    case 'replied':
      content = replyLetter({
        agency,
        case: c,
        issuedOn: event.date,
        outcome: event.outcome,
        legalBasis: event.legalBasis,
        details: input.note,
        reviewBody: env.settings.effectiveReviewBody,
        court: env.settings.court,
      });
      break;
    default:
      return;
  }
  if (!content) return;
  // 不予处理 (table 三（五）): the reply is a 不予处理告知书, numbered in its own sequence.
  if (event.type === 'replied' && event.outcome.startsWith('not_processed.')) {
    content = { ...content, kind: 'not_processed', title: LETTER_TITLES.not_processed };
  }
  for (const letter of [content, ...more]) {
    await storeLetter(ctx, t, actor, {
      row,
      content: letter,
      issuedOn: event.date,
      seq: input.seq,
    });
  }
}

/** Numbers and stores one letter, as issued. */
async function storeLetter(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  input: { row: ApplicationRow; content: LetterContent; issuedOn: string; seq: number | null },
): Promise<{ id: string; documentNumber: string }> {
  const id = randomUUID();
  const at = ctx.clock.now().toISOString();
  const documentNumber = await assignLetterNumber(ctx, t, {
    agencyId: input.row.agency_id,
    kind: input.content.kind,
    issuedOn: input.issuedOn,
    letterId: id,
    at,
  });
  await repo.insertLetter(t, {
    id,
    application_id: input.row.id,
    kind: input.content.kind,
    event_seq: input.seq,
    content_json: JSON.stringify({ ...input.content, documentNumber, issuedOn: input.issuedOn }),
    created_at: at,
    created_by: actorLabel(actor),
  });
  return { id, documentNumber };
}

/**
 * 受理回执: issued on request, once per case, dated the day it is issued; it states the receipt
 * date and the reply due date (暂定 when provisional).
 */
export async function issueAcknowledgement(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  applicationId: string,
  env: CaseEnv,
  load: (t: Trx) => Promise<{ row: ApplicationRow; state: ApplicationState }>,
): Promise<void> {
  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const { row, state } = await load(t);
    const existing = (await repo.listLetters(t, applicationId)).find(
      (l) => l.kind === 'acknowledgement',
    );
    if (existing) {
      const number = (JSON.parse(existing.content_json) as LetterContent).documentNumber;
      throw new AppError(
        'conflict',
        `本申请已出具受理回执${number ? `（${number}）` : ''}，请在“文书”中下载，不必重复出具。`,
      );
    }
    if (state.phase === 'closed') {
      throw new AppError('invalid_transition', '本申请已办结，不再出具受理回执。');
    }
    const now = ctx.clock.now();
    const today = shanghaiDate(now);
    let due: { dueOn: string | null; provisional: boolean } = { dueOn: null, provisional: false };
    try {
      const d = dueDateOfState(state, env.calendar);
      due = { dueOn: d.dueOn, provisional: d.provisional };
    } catch {
      // A year beyond the computable range: the receipt states the period without the date.
    }
    const agency = await getAgency(t, row.agency_id);
    const content = acknowledgementLetter({
      agency,
      case: letterCaseOf(row, state),
      issuedOn: today,
      dueOn: due.dueOn,
      dueProvisional: due.provisional,
    });
    const letter = await storeLetter(ctx, t, actor, {
      row,
      content,
      issuedOn: today,
      seq: null,
    });
    await recordChange(ctx, t, actor, now, {
      action: 'application.letter.acknowledgement',
      entityType: 'application',
      entityId: applicationId,
      agencyId,
      after: { letterId: letter.id, documentNumber: letter.documentNumber, issuedOn: today },
    });
  });
}

export async function listLetterViews(
  db: Db,
  _agencyId: string,
  applicationId: string,
): Promise<LetterView[]> {
  const rows = await repo.listLetters(db, applicationId);
  return rows.map((r) => {
    const content = JSON.parse(r.content_json) as LetterContent & { issuedOn: string };
    return {
      id: r.id,
      kind: r.kind as LetterKind,
      title: content.title || LETTER_TITLES[r.kind as LetterKind],
      documentNumber: content.documentNumber ?? null,
      issuedOn: content.issuedOn,
      createdAt: r.created_at,
      createdBy: r.created_by,
    };
  });
}

export interface LetterDocument {
  bytes: Uint8Array;
  mediaType: string;
  filename: string;
}

/** A letter as a document, rendered on first request and kept. */
export async function letterDocument(
  ctx: ServiceContext,
  agencyId: string,
  applicationId: string,
  letterId: string,
  format: LetterFormat,
): Promise<LetterDocument> {
  const db = ctx.store.db;
  const application = await repo.findApplicationOfAgency(db, agencyId, applicationId);
  if (!application) throw notFound('申请');
  const letter = await repo.findLetter(db, applicationId, letterId);
  if (!letter) throw notFound('文书');
  const content = JSON.parse(letter.content_json) as LetterContent;
  const filename = `${content.title}（${content.documentNumber ?? application.number}）.${format}`;
  const cached = await repo.findLetterDocument(db, letterId, format);
  if (cached) return { bytes: cached.bytes, mediaType: cached.media_type, filename };
  const bytes = await renderLetter(content, format);
  const mediaType = LETTER_MEDIA_TYPES[format];
  const sha = await putBlob(db, bytes, mediaType, ctx.clock.now().toISOString());
  await repo.insertLetterDocument(db, { letter_id: letterId, format, blob_sha256: sha });
  return { bytes, mediaType, filename };
}

export async function letterContent(
  db: Db,
  applicationId: string,
  letterId: string,
): Promise<LetterContent> {
  const letter = await repo.findLetter(db, applicationId, letterId);
  if (!letter) throw notFound('文书');
  return JSON.parse(letter.content_json) as LetterContent;
}
