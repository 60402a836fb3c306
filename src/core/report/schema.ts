/**
 * The published JSON form of an annual report — the machine-readable report no official format
 * offers yet — with its JSON Schema, and a parser that never throws.
 *
 * The schema is built from the format definitions (format.ts), so its keys are the keys of
 * GLOSSARY.md and every property carries its official Chinese label as description. Cells are
 * any number or null: a negative or fractional count is still a well-formed file, and is then
 * reported by validation (negative-or-fraction) rather than refused by the parser.
 */
import { FormatRegistry, Type, type TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { CalendarDateInvalid, isCalendarDate } from '../calendar/date.js';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICATION_COLUMNS,
  APPLICATION_ROWS,
  PROACTIVE_GROUPS,
  SECTION_DEFINITIONS,
} from './format.js';
import { FINDING_CODES, type Finding } from './findings.js';
import { applicationRowName, appealGroupName } from './labels.js';
import type { AnnualReport } from './model.js';

// The JSON form itself needs no schema library; kept apart so that `gongkai ingest` does not load one.
export { toReportJson } from './report-json.js';

/** Version of the JSON form; bumped only on an incompatible change. */
export const REPORT_JSON_VERSION = 1;
export const REPORT_SCHEMA_ID = 'urn:gongkai:schema:annual-report:v1';

// JSON Schema's "date" (RFC 3339 full-date) is a day on the calendar: 2024-02-30 is not one.
FormatRegistry.Set('date', isCalendarDate);

const Cell = (description: string) =>
  Type.Optional(
    Type.Union([Type.Number(), Type.Null()], {
      description: `${description}（数值；文档中有该单元格但数值无法识别时为 null；缺少该键表示文档中没有该单元格）`,
    }),
  );

const strictObject = (properties: Record<string, TSchema>, description: string) =>
  Type.Object(properties, { additionalProperties: false, description });

const ProactiveTableSchema = strictObject(
  Object.fromEntries(
    PROACTIVE_GROUPS.flatMap((group) =>
      group.rows.map((row) => [
        row.key,
        Type.Optional(
          strictObject(
            Object.fromEntries(
              group.columns.map((column) => [column.key, Cell(`${row.label} · ${column.label}`)]),
            ),
            `${group.label} ${row.label}`,
          ),
        ),
      ]),
    ),
  ),
  '表二 主动公开政府信息情况（第二十条）',
);

const ApplicationTableSchema = strictObject(
  Object.fromEntries(
    APPLICATION_ROWS.map((row) => [
      row.key,
      Type.Optional(
        strictObject(
          Object.fromEntries(
            APPLICATION_COLUMNS.map((column) => [
              column.key,
              Cell(`${applicationRowName(row.key)} · ${column.label}`),
            ]),
          ),
          applicationRowName(row.key),
        ),
      ),
    ]),
  ),
  '表三 收到和处理政府信息公开申请情况',
);

const AppealsTableSchema = strictObject(
  Object.fromEntries(
    APPEAL_GROUPS.map((group) => [
      group.key,
      Type.Optional(
        strictObject(
          Object.fromEntries(
            APPEAL_COLUMNS.map((column) => [
              column.key,
              Cell(`${appealGroupName(group.key)} · ${column.label}`),
            ]),
          ),
          appealGroupName(group.key),
        ),
      ),
    ]),
  ),
  '表四 政府信息公开行政复议、行政诉讼情况',
);

const SectionSchema = strictObject(
  {
    key: Type.Union(
      [
        ...SECTION_DEFINITIONS.map((s) =>
          Type.Literal(s.key, { description: `${s.number}、${s.title}` }),
        ),
        Type.Null(),
      ],
      { description: '官方格式中的第一至六部分之一；报告自加的部分（如七、相关说明）为 null' },
    ),
    number: Type.String({ description: '部分序号，如“一”' }),
    title: Type.String({ description: '标题，如“总体情况”' }),
    text: Type.String({ description: '正文纯文本，段落以换行分隔' }),
    html: Type.Optional(Type.String({ description: '富文本编辑器写成的正文（已净化的 HTML）' })),
  },
  '报告的一个部分',
);

const FindingSchema = strictObject(
  {
    code: Type.Union(
      FINDING_CODES.map((code) => Type.Literal(code)),
      { description: '稳定的问题代码' },
    ),
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('info')]),
    location: strictObject(
      {
        table: Type.Optional(
          Type.Union([
            Type.Literal('proactive'),
            Type.Literal('applications'),
            Type.Literal('appeals'),
          ]),
        ),
        row: Type.Optional(Type.String()),
        column: Type.Optional(Type.String()),
        section: Type.Optional(Type.String()),
        line: Type.Optional(Type.Integer({ minimum: 1 })),
        excerpt: Type.Optional(Type.String()),
      },
      '问题所在位置',
    ),
    message: Type.String({ description: '中文说明，引用所依据的规定' }),
  },
  '校验或读取时发现的问题',
);

export const ReportJsonSchema = strictObject(
  {
    $schema: Type.Optional(Type.String()),
    agency: Type.String({ minLength: 1, description: '报告所属机关名称，如“中卫市科学技术局”' }),
    agencyLevel: Type.Optional(
      Type.Union([Type.Literal('department'), Type.Literal('government'), Type.Null()], {
        description:
          'department：政府部门（1月31日前公布）；government：人民政府（3月31日前公布）（条例第四十九条）；未知为 null',
      }),
    ),
    year: Type.Integer({ minimum: 1990, maximum: 2100, description: '报告所涵盖的年度' }),
    publishedOn: Type.Union(
      [Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()],
      { description: '发布日期 YYYY-MM-DD（须为存在的日期）；未知为 null' },
    ),
    title: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: '标题原文' })),
    format: Type.Optional(
      Type.Union([Type.Literal('2021'), Type.Literal('2019')], {
        description:
          '表格格式：2021 = 国办公开办函〔2021〕30号；2019 = 国办公开办函〔2019〕60号（已废止）。缺省 2021',
      }),
    ),
    preamble: Type.Optional(Type.String({ description: '标题与第一部分之间的文字' })),
    sections: Type.Optional(Type.Array(SectionSchema, { description: '各部分，按原文顺序' })),
    tables: strictObject(
      {
        proactive: ProactiveTableSchema,
        applications: ApplicationTableSchema,
        appeals: AppealsTableSchema,
      },
      '三张表格；键名见 GLOSSARY.md。各表为部分映射：缺少的键表示文档中缺少该行或该列',
    ),
    closing: Type.Optional(Type.String({ description: '落款与日期' })),
    findings: Type.Optional(Type.Array(FindingSchema, { description: '校验或读取时发现的问题' })),
    sourceLines: Type.Optional(
      Type.Record(Type.String(), Type.Integer({ minimum: 1 }), {
        description:
          '读取已发布文档（gongkai ingest）时各数值所在的行（从 1 起），键为“表.行.列”，如 applications.received.total',
      }),
    ),
  },
  '政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）',
);

/** The JSON Schema document as published (docs/report.schema.json). */
export function reportJsonSchemaDocument(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: REPORT_SCHEMA_ID,
    title: '政府信息公开工作年度报告',
    ...(JSON.parse(JSON.stringify(ReportJsonSchema)) as Record<string, unknown>),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/** A reason a file is not a well-formed report: where (JSON Pointer) and what, in Chinese. */
export interface ReportJsonProblem {
  /** JSON Pointer of the value, e.g. /tables/applications/received/total; "" for the whole file. */
  path: string;
  message: string;
}

export interface ParsedReportJson {
  /** The report, or null when the file has any problem. */
  report: AnnualReport | null;
  /** The findings recorded in the file (e.g. by `gongkai ingest --json`), if any. */
  findings: Finding[];
  problems: ReportJsonProblem[];
}

const MAX_PROBLEMS = 50;

const describePath = (path: string) => (path === '' ? '文件顶层' : `位置 ${path}`);

function allowedKeys(schema: TSchema): string[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  return properties ? Object.keys(properties).filter((k) => k !== '$schema') : [];
}

/** The schema of the object at `path`, for listing its allowed keys. */
function schemaAt(path: string): TSchema | undefined {
  let schema: TSchema | undefined = ReportJsonSchema;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!schema) return undefined;
    if (schema.type === 'array') {
      schema = (schema as { items?: TSchema }).items;
      continue;
    }
    const next: TSchema | undefined = (schema as { properties?: Record<string, TSchema> })
      .properties?.[key];
    schema = next?.anyOf ? (next.anyOf as TSchema[]).find((s) => s.type === 'object') : next;
  }
  return schema;
}

const typeName = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? '数组'
      : typeof value === 'number'
        ? '数字'
        : typeof value === 'string'
          ? '字符串'
          : typeof value === 'boolean'
            ? '布尔值'
            : typeof value === 'object'
              ? '对象'
              : '空';

function expectedOfUnion(schema: TSchema): string {
  const options = (schema.anyOf ?? []) as TSchema[];
  if (options.length > 0 && options.every((o) => 'const' in o || o.type === 'null')) {
    return `以下之一：${options.map((o) => ('const' in o ? JSON.stringify(o.const) : 'null')).join('、')}`;
  }
  const kinds = options.map((o) =>
    o.type === 'number'
      ? '数字'
      : o.type === 'null'
        ? 'null'
        : o.type === 'string'
          ? '字符串'
          : String(o.type),
  );
  return kinds.join('或').replace(/或null/g, '或 null');
}

function problemOf(error: ValueError): ReportJsonProblem {
  const { path, value, schema } = error;
  const at = describePath(path);
  const key = path.split('/').pop() ?? '';
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties: {
      const parent = path.slice(0, path.lastIndexOf('/'));
      const allowed = allowedKeys(schemaAt(parent) ?? ReportJsonSchema);
      return {
        path,
        message: `${at}：未知字段“${key}”。此处允许的字段：${allowed.join('、')}（键名见报告 JSON 模式 docs/report.schema.json）。`,
      };
    }
    case ValueErrorType.ObjectRequiredProperty:
      return { path, message: `${at}：缺少必填字段“${key}”。` };
    case ValueErrorType.Union:
      if (path === '/publishedOn') {
        if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
          const invalid = new CalendarDateInvalid(value).message.replace(/。$/, '');
          return { path, message: `${at}：${invalid}；发布日期未知时填 null。` };
        }
        return {
          path,
          message: `${at}：应为 YYYY-MM-DD 格式的日期或 null，实际为${typeName(value)}${typeof value === 'string' ? `“${value}”` : ''}。`,
        };
      }
      return {
        path,
        message: `${at}：应为${expectedOfUnion(schema)}，实际为${typeName(value)}${typeof value === 'string' ? `“${value}”` : ''}。`,
      };
    case ValueErrorType.StringPattern:
      return { path, message: `${at}：应为 YYYY-MM-DD 格式的日期，实际为“${String(value)}”。` };
    case ValueErrorType.StringMinLength:
      return { path, message: `${at}：不能为空。` };
    case ValueErrorType.Integer:
      return {
        path,
        message: `${at}：应为整数，实际为${typeName(value)} ${JSON.stringify(value)}。`,
      };
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
      return {
        path,
        message: `${at}：${JSON.stringify(value)} 超出允许范围（${String(schema.minimum ?? '')}–${String(schema.maximum ?? '')}）。`,
      };
    case ValueErrorType.String:
      return { path, message: `${at}：应为字符串，实际为${typeName(value)}。` };
    case ValueErrorType.Number:
      return { path, message: `${at}：应为数字，实际为${typeName(value)}。` };
    case ValueErrorType.Object:
      return { path, message: `${at}：应为对象，实际为${typeName(value)}。` };
    case ValueErrorType.Array:
      return { path, message: `${at}：应为数组，实际为${typeName(value)}。` };
    case ValueErrorType.Literal:
      return { path, message: `${at}：应为 ${JSON.stringify(schema.const)}。` };
    default:
      return { path, message: `${at}：不符合报告 JSON 模式（${error.message}）。` };
  }
}

function syntaxProblem(text: string, error: unknown): ReportJsonProblem {
  const detail = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(detail);
  let where = '';
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    where = `（第 ${line} 行第 ${column} 列附近）`;
  }
  return {
    path: '',
    message: `文件不是有效的 JSON${where}：${detail}。请检查括号、引号和逗号。`,
  };
}

/**
 * Reads a report file. Never throws: a syntax error, a wrong type, an unknown or missing field
 * each becomes a problem naming its JSON path, in Chinese.
 *
 * @example
 *   const { report, problems } = parseReportJson(text);
 *   if (!report) for (const p of problems) console.error(p.message);
 */
export function parseReportJson(text: string): ParsedReportJson {
  const none = (problems: ReportJsonProblem[]): ParsedReportJson => ({
    report: null,
    findings: [],
    problems,
  });
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return none([{ path: '', message: '文件为空：应为报告 JSON 对象。' }]);
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    return none([syntaxProblem(source, error)]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return none([{ path: '', message: `文件顶层应为报告 JSON 对象，实际为${typeName(data)}。` }]);
  }
  try {
    const problems: ReportJsonProblem[] = [];
    const seen = new Set<string>();
    let more = 0;
    for (const error of Value.Errors(ReportJsonSchema, data)) {
      // One problem per place: a missing field also fails its type check at the same path.
      if (seen.has(error.path)) continue;
      seen.add(error.path);
      if (problems.length >= MAX_PROBLEMS) {
        more++;
        continue;
      }
      problems.push(problemOf(error));
    }
    if (more > 0) problems.push({ path: '', message: `另有 ${more} 处问题未列出。` });
    const json = data as Record<string, unknown>;
    if (problems.length > 0) return none(problems);

    const report: AnnualReport = {
      agency: json.agency as string,
      agencyLevel: (json.agencyLevel as AnnualReport['agencyLevel'] | undefined) ?? null,
      year: json.year as number,
      publishedOn: json.publishedOn as string | null,
      title: (json.title as string | null | undefined) ?? null,
      format: (json.format as AnnualReport['format'] | undefined) ?? '2021',
      preamble: (json.preamble as string | undefined) ?? '',
      sections: (json.sections as AnnualReport['sections'] | undefined) ?? [],
      tables: json.tables as AnnualReport['tables'],
      closing: (json.closing as string | undefined) ?? '',
    };
    return { report, findings: (json.findings as Finding[] | undefined) ?? [], problems: [] };
  } catch (error) {
    // A pathological document (e.g. nested beyond the stack) is a problem, not a crash.
    return none([
      {
        path: '',
        message: `无法读取报告 JSON：${error instanceof Error ? error.message : String(error)}。`,
      },
    ]);
  }
}
