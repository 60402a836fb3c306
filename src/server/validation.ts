import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Request validation. Bodies are checked strictly — no type coercion, no silent removal of
 * unknown fields — so a client that sends the wrong thing hears about it. Query strings and
 * path parameters arrive as text and are coerced to the declared types.
 */
function createAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    // A body's every problem is named at once (a form shows them all next to their fields).
    allErrors: !coerce,
    coerceTypes: coerce,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  return ajv;
}

const strict = createAjv(false);
const coercing = createAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : coercing;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '数组',
  null: '空值',
};

function joinPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (extra) parts.push(extra);
  return parts.join('.');
}

/** One validation error as the field at fault and a Chinese sentence about it. */
export function describeValidationError(
  error: ErrorObject,
  part: string,
): { field: string; message: string } {
  const params = error.params as Record<string, unknown>;
  const where =
    part === 'body'
      ? ''
      : part === 'querystring'
        ? '查询参数'
        : part === 'headers'
          ? '请求头'
          : '路径参数';
  switch (error.keyword) {
    case 'required': {
      const field = joinPath(error.instancePath, String(params.missingProperty));
      return { field, message: `缺少必填${where || '字段'}“${field}”。` };
    }
    case 'additionalProperties': {
      const field = joinPath(error.instancePath, String(params.additionalProperty));
      return { field, message: `不认识的${where || '字段'}“${field}”，请删除它或检查拼写。` };
    }
    case 'type': {
      const field = joinPath(error.instancePath) || '(请求体)';
      const expected = String(params.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join('或');
      return { field, message: `${where}字段“${field}”的类型不对：应为${expected}。` };
    }
    case 'minLength':
      return {
        field: joinPath(error.instancePath),
        message:
          params.limit === 1
            ? `字段“${joinPath(error.instancePath)}”不能为空。`
            : `字段“${joinPath(error.instancePath)}”至少 ${String(params.limit)} 个字符。`,
      };
    case 'maxLength':
      return {
        field: joinPath(error.instancePath),
        message: `字段“${joinPath(error.instancePath)}”不能超过 ${String(params.limit)} 个字符。`,
      };
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        field: joinPath(error.instancePath),
        message: `字段“${joinPath(error.instancePath)}”不能小于 ${String(params.limit)}。`,
      };
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        field: joinPath(error.instancePath),
        message: `字段“${joinPath(error.instancePath)}”不能大于 ${String(params.limit)}。`,
      };
    case 'enum':
      return {
        field: joinPath(error.instancePath),
        message: `字段“${joinPath(error.instancePath)}”的取值无效，可选：${(params.allowedValues as unknown[]).join('、')}。`,
      };
    case 'pattern':
    case 'format':
      return {
        field: joinPath(error.instancePath),
        message: `字段“${joinPath(error.instancePath)}”的格式不正确。`,
      };
    case 'minItems':
      return {
        field: joinPath(error.instancePath),
        message: `字段“${joinPath(error.instancePath)}”至少需要 ${String(params.limit)} 项。`,
      };
    case 'maxItems':
      return {
        field: joinPath(error.instancePath),
        message: `字段“${joinPath(error.instancePath)}”最多 ${String(params.limit)} 项。`,
      };
    default:
      return {
        field: joinPath(error.instancePath),
        message: `字段“${joinPath(error.instancePath) || '(请求体)'}”无效。`,
      };
  }
}
