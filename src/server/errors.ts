import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../core/errors.js';
import { describeValidationError } from './validation.js';

/** The one place where error codes become HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  unauthenticated: 401,
  session_invalid: 401,
  invalid_credentials: 401,
  account_locked: 429,
  account_disabled: 403,
  password_change_required: 403,
  login_delayed: 429,
  second_factor_required: 401,
  second_factor_invalid: 401,
  second_factor_enrolment_required: 403,
  reauth_required: 403,
  csrf_invalid: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  duplicate_submission: 409,
  calendar_year_unknown: 422,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
};

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    field?: string;
    requestId: string;
    [key: string]: unknown;
  };
}

/** Maps any error to a status and a body; unexpected errors are logged and hidden. */
export function toErrorResponse(
  error: FastifyError | Error,
  request: FastifyRequest,
): { status: number; body: ErrorBody } {
  const requestId = String(request.id);
  const respond = (code: ErrorCode, message: string, extra: Record<string, unknown> = {}) => ({
    status: HTTP_STATUS[code],
    body: { error: { code, message, ...extra, requestId } },
  });
  if (error instanceof AppError) return respond(error.code, error.message, error.details);
  const fe = error as FastifyError;
  if (fe.validation && fe.validation.length > 0) {
    const all = fe.validation.map((e) =>
      describeValidationError(
        e as Parameters<typeof describeValidationError>[0],
        fe.validationContext ?? 'body',
      ),
    );
    // One problem per field: the first said about it.
    const fields = all.filter((p, i) => all.findIndex((q) => q.field === p.field) === i);
    const { field, message } = fields[0]!;
    return respond('validation_failed', message, {
      field,
      ...(fields.length > 1 ? { fields } : {}),
    });
  }
  switch (fe.code) {
    case 'FST_ERR_BAD_URL':
      return respond(
        'validation_failed',
        '地址中含有无法识别的字符（如残缺的 % 编码），请检查链接。',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return respond(
        'body_too_large',
        '提交的内容太大，超过了服务器允许的上限。请减小内容或分批提交。',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return respond(
        'unsupported_media_type',
        `不支持的内容类型“${request.headers['content-type'] ?? ''}”。请以 application/json 提交。`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return respond('malformed_json', '请求体为空，但声明为 JSON。请提交 JSON 对象。');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return respond('malformed_json', '请求体不是有效的 JSON，请检查括号、引号和逗号。');
  }
  if (error instanceof SyntaxError || fe.statusCode === 400) {
    return respond('malformed_json', '请求体不是有效的 JSON，请检查括号、引号和逗号。');
  }
  if (fe.statusCode === 413) {
    return respond(
      'body_too_large',
      '提交的内容太大，超过了服务器允许的上限。请减小内容或分批提交。',
    );
  }
  if (fe.statusCode === 415) {
    return respond('unsupported_media_type', '不支持的内容类型。请以 application/json 提交。');
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: {
        error: { code: 'validation_failed', message: '请求无效，请检查后重试。', requestId },
      },
    };
  }
  request.log.error({ err: error }, 'unexpected error');
  return respond(
    'internal_error',
    `服务器内部错误。请稍后重试；如果问题持续，请把请求编号 ${requestId} 告诉管理员。`,
  );
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  const { status, body } = toErrorResponse(error, reply.request);
  return reply.code(status).send(body);
}
