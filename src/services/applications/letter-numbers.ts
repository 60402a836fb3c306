/**
 * 文号 of an agency's letters: taken inside the transaction that issues the letter, so a letter
 * that is not issued (the transaction rolls back) takes no number, and one that is keeps its
 * number for good. Patterns are set per letter type by the agency admin.
 */
import {
  checkLetterNumberPattern,
  DEFAULT_LETTER_NUMBER_PATTERN,
  formatLetterNumber,
} from '../../core/applications/letter-numbers.js';
import { AppError } from '../../core/errors.js';
import { LETTER_KINDS, LETTER_TITLES, type LetterKind } from '../../render/letters/templates.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/letter-numbers.js';
import { lockAuditChain, recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';

export interface LetterNumberPatternView {
  kind: LetterKind;
  title: string;
  pattern: string;
  /** The next number of this year as the pattern writes it. */
  example: string;
}

async function patternOf(db: Db, agencyId: string, kind: LetterKind): Promise<string> {
  const rows = await repo.listPatterns(db, agencyId);
  return rows.find((r) => r.kind === kind)?.pattern ?? DEFAULT_LETTER_NUMBER_PATTERN;
}

/** Gives the letter its 文号: the next of its agency, type and year (the year it is issued). */
export async function assignLetterNumber(
  ctx: Pick<ServiceContext, 'store'>,
  t: Trx,
  input: { agencyId: string; kind: LetterKind; issuedOn: string; letterId: string; at: string },
): Promise<string> {
  // The audit chain's lock first (this transaction writes its audit record after the letter):
  // one order of locks for every transaction that issues a letter.
  await lockAuditChain(ctx, t);
  const year = Number(input.issuedOn.slice(0, 4));
  const pattern = await patternOf(t, input.agencyId, input.kind);
  const seq = await repo.takeLetterSequence(t, input.agencyId, input.kind, year);
  const documentNumber = formatLetterNumber(pattern, year, seq);
  await repo.insertIssuedNumber(t, {
    agency_id: input.agencyId,
    kind: input.kind,
    year,
    seq,
    document_number: documentNumber,
    letter_id: input.letterId,
    issued_at: input.at,
  });
  return documentNumber;
}

export async function listLetterNumberPatterns(
  db: Db,
  agencyId: string,
  year: number,
): Promise<LetterNumberPatternView[]> {
  const rows = await repo.listPatterns(db, agencyId);
  return LETTER_KINDS.map((kind) => {
    const pattern = rows.find((r) => r.kind === kind)?.pattern ?? DEFAULT_LETTER_NUMBER_PATTERN;
    return {
      kind,
      title: LETTER_TITLES[kind],
      pattern,
      example: formatLetterNumber(pattern, year, 1),
    };
  });
}

/**
 * Sets the patterns given (the others keep theirs). Every pattern is checked before any is
 * saved, and every problem is reported at once, each under its letter's name.
 */
export async function setLetterNumberPatterns(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  patterns: Partial<Record<LetterKind, string>>,
  year: number,
): Promise<LetterNumberPatternView[]> {
  const problems = Object.entries(patterns).flatMap(([kind, pattern]) => {
    if (!LETTER_KINDS.includes(kind as LetterKind)) {
      return [{ field: `patterns.${kind}`, message: `没有这种文书：${kind}。` }];
    }
    const problem = checkLetterNumberPattern(pattern ?? '');
    return problem
      ? [
          {
            field: `patterns.${kind}`,
            message: `“${LETTER_TITLES[kind as LetterKind]}”的文号格式：${problem}`,
          },
        ]
      : [];
  });
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => p.message).join(' '), {
      field: problems[0]!.field,
      problems,
    });
  }
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    const before = await repo.listPatterns(t, agencyId);
    for (const [kind, pattern] of Object.entries(patterns)) {
      await repo.putPattern(t, {
        agency_id: agencyId,
        kind,
        pattern: pattern!.trim(),
        updated_at: now.toISOString(),
        updated_by: actorLabel(actor),
      });
    }
    await recordChange(ctx, t, actor, now, {
      action: 'application.letter_numbers.update',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      before: Object.fromEntries(before.map((r) => [r.kind, r.pattern])),
      after: patterns,
    });
  });
  return listLetterNumberPatterns(ctx.store.db, agencyId, year);
}
