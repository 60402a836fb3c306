/**
 * `gongkai audit PATH… [--format table|json|csv] [--jobs N] [--out FILE]`: reads every published
 * report under the paths, prints one line per report and a summary, and writes a dataset of all
 * their tables for analysis. Bad reports are findings; only a usage error ends the run early.
 */
import { createWriteStream, existsSync, openSync, type WriteStream } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { Option } from 'commander';
import type { SingleBar } from 'cli-progress';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
} from '../../core/report/format.js';
import type { Cell } from '../../core/report/model.js';
import {
  auditFiles,
  walkReportFiles,
  type AuditResult,
  type AuditSummary,
} from '../../ingest/audit.js';
import { CliExit, EXIT, type CliIo } from '../io.js';
import { countSeverities } from './ingest.js';
import type { RegisterCommand } from './index.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const csvField = (value: string | number | null | undefined): string => {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (fields: readonly (string | number | null | undefined)[]) =>
  `${fields.map(csvField).join(',')}\n`;

/** Every cell of a report's tables, with where it was read. */
export function datasetRows(result: AuditResult): {
  table: string;
  row: string;
  column: string;
  value: Cell;
  line: number | null;
}[] {
  const report = result.report;
  if (!report) return [];
  const rows: { table: string; row: string; column: string; value: Cell; line: number | null }[] =
    [];
  const push = (table: string, row: string, column: string, value: Cell | undefined) => {
    if (value === undefined) return;
    rows.push({
      table,
      row,
      column,
      value,
      line: result.sourceLines[`${table}.${row}.${column}`] ?? null,
    });
  };
  for (const group of PROACTIVE_GROUPS) {
    for (const row of group.rows) {
      const cells = report.tables.proactive[row.key] as
        Record<string, Cell | undefined> | undefined;
      for (const column of group.columns)
        push('proactive', row.key, column.key, cells?.[column.key]);
    }
  }
  for (const row of APPLICATION_ROW_KEYS) {
    for (const column of APPLICATION_COLUMN_KEYS)
      push('applications', row, column, report.tables.applications[row]?.[column]);
  }
  for (const group of APPEAL_GROUP_KEYS) {
    for (const column of APPEAL_COLUMN_KEYS)
      push('appeals', group, column, report.tables.appeals[group]?.[column]);
  }
  return rows;
}

const DATASET_HEADER = [
  'file',
  'agency',
  'year',
  'published_on',
  'table',
  'row',
  'column',
  'value',
  'line',
];

class Dataset {
  private readonly stream: WriteStream;
  private readonly json: boolean;

  constructor(path: string) {
    this.json = /\.(?:json|jsonl|ndjson)$/i.test(path);
    if (!this.json && !/\.(?:csv|txt|tsv)$/i.test(path) && /\.[^./\\]+$/.test(path)) {
      // A name like data.xlsx would hold CSV under another format's name.
      throw new CliExit(
        EXIT.usage,
        `--out ${path}：数据集只能写成 CSV（.csv）或每行一个 JSON 对象（.json、.jsonl）。请换用这些扩展名之一。`,
      );
    }
    let fd: number;
    try {
      fd = openSync(path, 'w');
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
      throw new CliExit(EXIT.usage, `无法写入数据集 ${path}：${reason}。请换一个 --out 路径。`);
    }
    this.stream = createWriteStream('', { fd });
    if (!this.json) this.stream.write(`\ufeff${csvLine(DATASET_HEADER)}`);
  }

  /** Writes a report's cells, waiting when the disk is slower than the reader. */
  async add(result: AuditResult): Promise<void> {
    const report = result.report;
    if (!report) return;
    let chunk = '';
    for (const cell of datasetRows(result)) {
      const fields = [
        result.file,
        report.agency,
        report.year,
        report.publishedOn,
        cell.table,
        cell.row,
        cell.column,
        cell.value,
        cell.line,
      ];
      chunk += this.json
        ? `${JSON.stringify(Object.fromEntries(DATASET_HEADER.map((h, i) => [h, fields[i] ?? null])))}\n`
        : csvLine(fields);
    }
    if (!this.stream.write(chunk))
      await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }

  close(): Promise<void> {
    return new Promise((resolveClose, reject) => {
      this.stream.end(() => resolveClose());
      this.stream.once('error', reject);
    });
  }
}

interface Summary {
  reports: number;
  read: number;
  unreadable: number;
  withErrors: number;
  withWarnings: number;
  codes: Record<string, number>;
}

function summaryText(s: Summary): string {
  const codes = Object.entries(s.codes)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join('，');
  return (
    `共 ${s.reports} 份文件：读出报告 ${s.read} 份，无法读取 ${s.unreadable} 份；` +
    `有错误的 ${s.withErrors} 份，有警告的 ${s.withWarnings} 份。` +
    (codes ? `\n问题代码：${codes}` : '')
  );
}

export const registerAudit: RegisterCommand = (program, io: CliIo) => {
  program
    .command('audit')
    .description(
      '批量读取并校验已发布的年度报告（文件或文件夹，递归查找 txt、html、docx、pdf 等），每份报告一行并给出汇总；' +
        '可另存全部表格数据（每份报告每个单元格一行）供分析。报告本身的问题只作为结果列出，退出码仅在用法错误时为 2',
    )
    .argument('<路径...>', '报告文件或文件夹')
    .addOption(new Option('--format <格式>', '输出格式').choices(FORMATS).default('table'))
    .option('--jobs <N>', '同时读取的文件数（各在独立线程中，每个文件有时间上限）', '1')
    .option(
      '--out <文件>',
      '把全部表格数据写入此文件：.csv 为 CSV，.json/.jsonl 为每行一个 JSON 对象',
    )
    .action(async (paths: string[], options: { format: Format; jobs: string; out?: string }) => {
      const jobs = Number(options.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
        throw new CliExit(EXIT.usage, `--jobs 应为 1 到 64 之间的整数，收到：${options.jobs}`);
      }
      const resolved = paths.map((p) => resolve(io.cwd, p));
      const missing = resolved.filter((p) => !existsSync(p));
      if (missing.length > 0) {
        throw new CliExit(EXIT.usage, `找不到：${missing.join('、')}。请检查路径。`);
      }
      const dataset = options.out ? new Dataset(resolve(io.cwd, options.out)) : null;
      const format = options.format;

      // A progress bar only for a person at a terminal; counting the files first costs a walk.
      let bar: SingleBar | null = null;
      if (io.stderr.isTTY) {
        const { default: cliProgress } = await import('cli-progress');
        let total = 0;
        for await (const _ of walkReportFiles(resolved)) total++;
        bar = new cliProgress.SingleBar(
          {
            stream: io.stderr as unknown as NodeJS.WritableStream,
            format: '读取报告 |{bar}| {value}/{total} {file}',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { file: '' });
      }
      const write = (text: string) => {
        // Clear the bar's line first, in case stdout is the same terminal; it redraws itself.
        if (bar) io.stderr.write('\r\x1b[K');
        io.stdout.write(text);
      };
      // Report lines are written together: those that arrive in one turn of the event loop, or
      // 64 KB at most (a write per line was a system call per report in the main thread).
      let pending = '';
      let later: NodeJS.Immediate | null = null;
      const flush = () => {
        if (later) clearImmediate(later);
        later = null;
        if (pending === '') return;
        const text = pending;
        pending = '';
        write(text);
      };
      const writeLine = (line: string) => {
        pending += line;
        if (pending.length >= 65_536) flush();
        else later ??= setImmediate(flush);
      };

      if (format === 'table') write('文件\t机关\t年度\t错误\t警告\n');
      if (format === 'csv')
        write(
          csvLine([
            'file',
            'agency',
            'year',
            'published_on',
            'errors',
            'warnings',
            'infos',
            'codes',
          ]),
        );
      const summary: Summary = {
        reports: 0,
        read: 0,
        unreadable: 0,
        withErrors: 0,
        withWarnings: 0,
        codes: {},
      };
      let processed = 0;
      try {
        // One line per report; the tables too when they are written to a dataset (the reading
        // threads send back only what a line needs otherwise).
        const onResult = async (read: AuditSummary, full: AuditResult | null) => {
          // Paths under the working folder are shown relative to it.
          const shown = relative(io.cwd, read.file);
          const file = shown.startsWith('..') || isAbsolute(shown) ? read.file : shown;
          const result = file === read.file ? read : { ...read, file };
          const counts = countSeverities(result.findings);
          summary.reports++;
          if (result.report) summary.read++;
          else summary.unreadable++;
          if (counts.error > 0) summary.withErrors++;
          if (counts.warning > 0) summary.withWarnings++;
          for (const f of result.findings) summary.codes[f.code] = (summary.codes[f.code] ?? 0) + 1;
          const report = result.report;
          const codes = [...new Set(result.findings.map((f) => f.code))].join(' ');
          let line: string;
          if (format === 'json') {
            line = `${JSON.stringify({
              file: result.file,
              kind: result.kind,
              agency: report?.agency ?? null,
              year: report?.year ?? null,
              publishedOn: report?.publishedOn ?? null,
              errors: counts.error,
              warnings: counts.warning,
              infos: counts.info,
              findings: result.findings,
            })}\n`;
          } else if (format === 'csv') {
            line = csvLine([
              result.file,
              report?.agency,
              report?.year,
              report?.publishedOn,
              counts.error,
              counts.warning,
              counts.info,
              codes,
            ]);
          } else {
            line = `${result.file}\t${report?.agency || '（未识别）'}\t${report?.year || '—'}\t${counts.error}\t${counts.warning}\n`;
          }
          writeLine(line);
          if (dataset && full) await dataset.add(file === full.file ? full : { ...full, file });
          processed++;
          bar?.update(processed, { file: result.file.slice(-40) });
        };
        const files = walkReportFiles(resolved);
        if (dataset) await auditFiles(files, { jobs }, (read) => onResult(read, read));
        else await auditFiles(files, { jobs, summary: true }, (read) => onResult(read, null));
      } finally {
        flush();
        bar?.stop();
        await dataset?.close();
      }
      if (format === 'json') io.stdout.write(`${JSON.stringify({ summary })}\n`);
      else if (format === 'csv') io.stderr.write(`${summaryText(summary)}\n`);
      else io.stdout.write(`${summaryText(summary)}\n`);
      if (options.out) io.stderr.write(`表格数据已写入 ${resolve(io.cwd, options.out)}\n`);
    });
};
