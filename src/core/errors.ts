/**
 * The catalogue of errors a person or a client can meet. Domain code throws (or returns)
 * these with a stable English `code` and a Chinese message that says what is wrong and what to
 * do; the server maps codes to HTTP statuses in one place (src/server/errors.ts).
 */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'body_too_large',
  'unauthenticated',
  'session_invalid',
  'invalid_credentials',
  'account_locked',
  'account_disabled',
  'password_change_required',
  'login_delayed',
  'second_factor_required',
  'second_factor_invalid',
  'second_factor_enrolment_required',
  'reauth_required',
  'csrf_invalid',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'duplicate_submission',
  'calendar_year_unknown',
  'rate_limited',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  /** The request field at fault, as a JSON path without the leading slash (e.g. `applicant.name`). */
  field?: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError =>
  new AppError('not_found', `${what}不存在，或您无权查看。`);

export const forbidden = (
  message = '您没有执行此操作的权限。如需权限，请联系本机关管理员。',
): AppError => new AppError('forbidden', message);

export const invalidField = (field: string, message: string): AppError =>
  new AppError('validation_failed', message, { field });
