/**
 * `gongkai report …`: annual reports kept as files that follow the published JSON Schema —
 * validate one, render it as a document, print the schema. For scripts and for people who
 * keep reports outside the server; nothing here touches the database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { CalendarDateInvalid, isCalendarDate } from '../../core/calendar/date.js';
import {
  describeLocation,
  hasErrors,
  type Finding,
  type Severity,
} from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import { DOCUMENT_FORMATS, DOCUMENT_TYPES, type DocumentFormat } from '../../render/formats.js';
import { CliExit, EXIT, type CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

function readError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `找不到文件：${path}`;
  if (code === 'EISDIR') return `${path} 是文件夹，请给出报告 JSON 文件。`;
  if (code === 'EACCES') return `没有权限读取：${path}`;
  return `无法读取 ${path}：${error instanceof Error ? error.message : String(error)}`;
}

/** Reads and parses a report file; any problem ends the command with exit code 2. */
/** Loaded when a command needs it: the schema's validator is slow to build (keeps --help fast). */
const schema = () => import('../../core/report/schema.js');

async function loadReport(io: CliIo, file: string): Promise<AnnualReport> {
  const path = resolve(io.cwd, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliExit(EXIT.usage, readError(path, error));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliExit(EXIT.usage, `${path} 不是 UTF-8 编码的文本：报告 JSON 应为 UTF-8。`);
  }
  const { report, problems } = (await schema()).parseReportJson(text);
  if (!report) {
    throw new CliExit(
      EXIT.usage,
      [
        `${path} 不是有效的年度报告 JSON（格式见 gongkai report schema）：`,
        ...problems.map((p) => `  ${p.message}`),
      ].join('\n'),
    );
  }
  return report;
}

function writeOutput(io: CliIo, file: string, content: string | Uint8Array): string {
  const path = resolve(io.cwd, file);
  try {
    writeFileSync(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? '所在文件夹不存在'
        : code === 'EACCES' || code === 'EPERM'
          ? '没有写入权限'
          : code === 'EISDIR'
            ? '这是一个文件夹'
            : error instanceof Error
              ? error.message
              : String(error);
    throw new CliExit(EXIT.usage, `无法写入 ${path}：${reason}。请换一个输出路径。`);
  }
  return path;
}

function summary(findings: readonly Finding[]): string {
  if (findings.length === 0) return '未发现问题。';
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `共 ${findings.length} 项：错误 ${count('error')} 项，警告 ${count('warning')} 项，提示 ${count('info')} 项。`;
}

export const registerReport: RegisterCommand = (program, io, setExitCode) => {
  const report = program
    .command('report')
    .description('政府信息公开工作年度报告（JSON 文件）：校验、生成文档、输出 JSON 模式');

  report
    .command('validate')
    .description(
      '按条例第四十九、五十条和国办公开办函〔2021〕30号校验报告，逐行列出问题（级别、代码、位置、说明）。' +
        '退出码：0 无错误；1 有错误级问题；2 用法错误或文件无法读取、解析',
    )
    .argument('<文件>', '报告 JSON 文件（遵循 gongkai report schema 输出的模式）')
    .option('--json', '以 JSON 数组输出问题（每项含 code、severity、location、message）')
    .option(
      '--today <日期>',
      '今天的日期 YYYY-MM-DD；给出时，尚未发布（publishedOn 为 null）且已过期限的报告会得到逾期提示',
    )
    .action(async (file: string, options: { json?: boolean; today?: string }) => {
      if (options.today !== undefined && !isCalendarDate(options.today)) {
        throw new CliExit(
          EXIT.usage,
          `--today 的${new CalendarDateInvalid(options.today).message}`,
        );
      }
      const loaded = await loadReport(io, file);
      const { validateReport } = await import('../../core/report/validate.js');
      const findings = validateReport(loaded, options.today ? { today: options.today } : {});
      if (options.json) {
        io.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
      } else {
        io.stdout.write(`${loaded.agency} ${loaded.year} 年度报告\n`);
        for (const f of findings) {
          const where = describeLocation(f.location) || '全文';
          // Two sentences can raise the same message at the same place: the quote tells them apart.
          const quote = f.location.excerpt ? `\t原文：“${f.location.excerpt}”` : '';
          io.stdout.write(
            `${SEVERITY_NAMES[f.severity]}\t${f.code}\t${where}\t${f.message}${quote}\n`,
          );
        }
        io.stdout.write(`${summary(findings)}\n`);
      }
      setExitCode(hasErrors(findings) ? EXIT.findings : EXIT.ok);
    });

  report
    .command('render')
    .description(
      '把报告生成为文档：网页、Word、PDF、JSON、CSV 或纯文本。退出码：0 成功；2 用法错误、文件无法读取或无法写入',
    )
    .argument('<文件>', '报告 JSON 文件')
    .addOption(
      new Option('-f, --format <格式>', '文档格式')
        .choices([...DOCUMENT_FORMATS])
        .makeOptionMandatory(),
    )
    .requiredOption('-o, --output <输出文件>', '写到哪个文件')
    .action(async (file: string, options: { format: DocumentFormat; output: string }) => {
      const loaded = await loadReport(io, file);
      let content: string | Uint8Array;
      const { closeSharedChromium, renderReport } = await import('../../render/index.js');
      try {
        content = await renderReport(loaded, options.format);
      } catch (error) {
        throw new CliExit(
          EXIT.usage,
          `无法生成${DOCUMENT_TYPES[options.format].name}：${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        if (options.format === 'pdf') await closeSharedChromium();
      }
      const path = writeOutput(io, options.output, content);
      const { validateReport } = await import('../../core/report/validate.js');
      const errors = validateReport(loaded).filter((f) => f.severity === 'error').length;
      if (errors > 0) {
        io.stderr.write(
          `注意：该报告有 ${errors} 项错误，文档照原样生成；运行 gongkai report validate ${file} 查看。\n`,
        );
      }
      io.stdout.write(`已生成${DOCUMENT_TYPES[options.format].name}：${path}\n`);
    });

  report
    .command('schema')
    .description('输出年度报告 JSON 的 JSON 模式（draft-07）')
    .option('-o, --output <输出文件>', '写到文件而不是标准输出')
    .action(async (options: { output?: string }) => {
      const { reportJsonSchemaDocument } = await schema();
      const text = `${JSON.stringify(reportJsonSchemaDocument(), null, 2)}\n`;
      if (options.output) {
        const path = writeOutput(io, options.output, text);
        io.stdout.write(`已写入 ${path}\n`);
      } else {
        io.stdout.write(text);
      }
    });
};
