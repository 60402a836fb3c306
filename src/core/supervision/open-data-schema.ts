/**
 * The JSON Schema of a region's open dataset: the region, the year, and one entry per agency
 * with the state of its report and, when published, the report itself in the annual report's
 * own JSON form (urn:gongkai:schema:annual-report:v1).
 */
import { REPORT_SCHEMA_ID } from '../report/schema.js';

export const OPEN_DATA_SCHEMA_ID = 'urn:gongkai:schema:open-data:v1';

export const OPEN_DATA_STATES = [
  'published_on_time',
  'published_late',
  'imported',
  'missing',
  'not_published',
] as const;
export type OpenDataState = (typeof OPEN_DATA_STATES)[number];

export const OPEN_DATA_STATE_LABELS: Record<OpenDataState, string> = {
  published_on_time: '按时发布',
  published_late: '逾期发布',
  imported: '已导入（由政务公开办据已发布文本导入）',
  missing: '逾期未发布',
  not_published: '未发布（尚未到期）',
};

export function openDataSchemaDocument(): Record<string, unknown> {
  const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: OPEN_DATA_SCHEMA_ID,
    title: '政府信息公开工作年度报告开放数据',
    description: '一个行政区划（含下级）各机关某年度政府信息公开工作年度报告的数据集',
    type: 'object',
    additionalProperties: false,
    required: ['$schema', 'region', 'year', 'generatedOn', 'agencies'],
    properties: {
      $schema: { type: 'string', const: OPEN_DATA_SCHEMA_ID },
      region: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name'],
        properties: {
          code: { type: 'string', description: '行政区划代码（GB/T 2260）' },
          name: { type: 'string', description: '行政区划名称' },
        },
      },
      year: { type: 'integer', minimum: 1990, maximum: 2100, description: '报告所涵盖的年度' },
      generatedOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '生成日期' },
      agencies: {
        type: 'array',
        description: '本行政区划及下级行政区划的各机关',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['agency', 'regionCode', 'level', 'state', 'deadline', 'publishedOn', 'report'],
          properties: {
            agency: { type: 'string', description: '机关名称' },
            regionCode: { type: 'string', description: '所属行政区划代码' },
            level: {
              enum: ['department', 'government'],
              description:
                'department：部门（1月31日前公布）；government：人民政府（3月31日前公布）',
            },
            state: {
              enum: [...OPEN_DATA_STATES],
              description: Object.entries(OPEN_DATA_STATE_LABELS)
                .map(([k, v]) => `${k}：${v}`)
                .join('；'),
            },
            deadline: { type: 'string', description: '条例第四十九条规定的公布期限' },
            publishedOn: { ...nullableString, description: '首次发布日期' },
            report: {
              anyOf: [{ $ref: REPORT_SCHEMA_ID }, { type: 'null' }],
              description: '已发布的报告（年度报告 JSON 格式），未发布为 null',
            },
          },
        },
      },
    },
  };
}
