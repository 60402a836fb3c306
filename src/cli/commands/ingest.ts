/**
 * `gongkai ingest FILE [--json]`: reads one published annual report (text, HTML, DOCX or PDF)
 * into the report model and prints it — a summary in Chinese, or JSON following the published
 * report JSON Schema with the findings of the reader and the validation.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATE_SOURCE_NAMES, type PublicationDate } from '../../core/ingest/date-sources.js';
import { PROACTIVE_GROUPS, type AppealGroupKey } from '../../core/report/format.js';
import { describeLocation, type Finding, type Severity } from '../../core/report/findings.js';
import type { AnnualReport, Cell } from '../../core/report/model.js';
import { toReportJson } from '../../core/report/report-json.js';
import { hardTimeoutOf } from '../../ingest/audit.js';
import type { DocumentKind, IngestResult } from '../../ingest/index.js';
import { unreadableReason } from '../../ingest/report-file.js';
import { readInThread } from '../../ingest/thread.js';
import { CliExit, EXIT, type CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

export const SEVERITY_NAMES: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};
const KIND_NAMES: Record<DocumentKind, string> = {
  text: '纯文本',
  html: '网页（HTML）',
  docx: 'Word 文档（DOCX）',
  pdf: 'PDF',
  json: 'JSON（gongkai 年度报告格式）',
};

export function countSeverities(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const show = (v: Cell | undefined) => (v === undefined ? '缺' : v === null ? '空' : String(v));

/** The report and its findings as people read them. */
export function describeIngest(result: IngestResult | Omit<IngestResult, 'lines'>): string {
  const out: string[] = [];
  const kind = result.kind ? KIND_NAMES[result.kind] : '无法识别';
  out.push(`文件：${result.file}（${kind}${result.encoding ? `，${result.encoding}` : ''}）`);
  const report = result.report;
  if (report) out.push(...describeReport(report, result.published ?? null));
  const counts = countSeverities(result.findings);
  out.push(
    result.findings.length === 0
      ? '问题：未发现问题。'
      : `问题：共 ${result.findings.length} 项（错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项）`,
  );
  for (const f of result.findings) {
    const where = describeLocation(f.location);
    out.push(
      `  [${SEVERITY_NAMES[f.severity]}] ${f.code}${where ? `（${where}）` : ''}：${f.message}`,
    );
  }
  return `${out.join('\n')}\n`;
}

function describeReport(report: AnnualReport, published: PublicationDate | null): string[] {
  const level =
    report.agencyLevel === 'government'
      ? '人民政府'
      : report.agencyLevel === 'department'
        ? '部门'
        : '层级不详';
  const t = report.tables;
  const appTotal = (row: keyof typeof t.applications) => show(t.applications[row]?.total);
  const proactive = PROACTIVE_GROUPS.flatMap((g) =>
    g.rows.map((r) => {
      const cells = t.proactive[r.key] as Record<string, Cell | undefined> | undefined;
      if (!cells) return `${r.label} 缺`;
      return `${r.label} ${g.columns.map((c) => show(cells[c.key])).join('/')}`;
    }),
  );
  const appeal = (g: AppealGroupKey) => show(t.appeals[g]?.total);
  return [
    `机关：${report.agency || '（未识别）'}（${level}）`,
    `年度：${report.year || '（未识别）'}`,
    `发布日期：${report.publishedOn ?? '未注明'}${
      report.publishedOn && published?.date === report.publishedOn
        ? `（取自${DATE_SOURCE_NAMES[published.source]}${published.line ? `，第 ${published.line} 行` : ''}）`
        : ''
    }`,
    `标题：${report.title ?? '（未识别）'}`,
    `格式：${report.format === '2019' ? '2019 年格式（国办公开办函〔2019〕60号，2021 年度起由国办公开办函〔2021〕30号取代）' : '国办公开办函〔2021〕30号'}`,
    `部分：${report.sections.length ? report.sections.map((s) => `${s.number}、${s.title}`).join('；') : '（未识别）'}`,
    `表二 主动公开：${Object.keys(t.proactive).length ? proactive.join('；') : '（未读到）'}`,
    `表三 依申请公开（总计）：${
      Object.keys(t.applications).length
        ? `一、本年新收 ${appTotal('received')}；二、上年结转 ${appTotal('carried_over')}；三（七）办理结果总计 ${appTotal('total')}；四、结转下年度 ${appTotal('carried_forward')}`
        : '（未读到）'
    }`,
    `表四 复议诉讼（总计）：${
      Object.keys(t.appeals).length
        ? `行政复议 ${appeal('review')}；未经复议直接起诉 ${appeal('litigation_direct')}；复议后起诉 ${appeal('litigation_after_review')}`
        : '（未读到）'
    }`,
  ];
}

/**
 * The JSON of `ingest --json`: the report as in the published schema, with the findings and the
 * line each figure was read from.
 */
export function ingestJson(
  result: IngestResult | Omit<IngestResult, 'lines'>,
): Record<string, unknown> {
  if (!result.report) return { findings: result.findings };
  return toReportJson(result.report, result.findings, result.sourceLines);
}

export const registerIngest: RegisterCommand = (program, io: CliIo, setExitCode) => {
  program
    .command('ingest')
    .description(
      '读取一份已发布的政府信息公开工作年度报告（纯文本、HTML、DOCX、PDF，或遵循 gongkai report schema 的报告 JSON；UTF-8、UTF-16 或 GB18030），' +
        '识别机关、年度、发布日期、各部分和三张表格，并按规定校验。退出码：0 已读出报告；1 文件无法读作年度报告；2 用法错误或文件不存在',
    )
    .argument('<文件>', '报告文件')
    .option(
      '--json',
      '以 JSON 输出（遵循 gongkai report schema 的模式，含 findings；无法读出报告时只有 findings）',
    )
    .action(async (file: string, options: { json?: boolean }) => {
      const path = resolve(io.cwd, file);
      try {
        if (statSync(path).isDirectory())
          throw new CliExit(
            EXIT.usage,
            `无法读取 ${path}：这是一个文件夹（读取文件夹请用 gongkai audit）。`,
          );
      } catch (error) {
        if (error instanceof CliExit) throw error;
        throw new CliExit(EXIT.usage, `无法读取 ${path}：${unreadableReason(error)}。`);
      }
      // Read in a thread bounded in time; a file that cannot be read (a pipe, a device, too
      // large, too slow) is a finding like any other.
      const read = await readInThread({}, hardTimeoutOf({}), (readFile) => readFile({ path }));
      const result = { ...read, file };
      io.stdout.write(
        options.json ? `${JSON.stringify(ingestJson(result), null, 2)}\n` : describeIngest(result),
      );
      setExitCode(result.report ? EXIT.ok : EXIT.findings);
    });
};
