/**
 * `node --import tsx bench/support/ingest-digest.ts [--count 10000] [--docx 1000] [--out FILE]`
 *
 * A digest of every result the reader gives on the bench corpus (the same generator and seed as
 * bench/ingest.ts, held in memory) and on the files of test/fixtures/corpus and
 * test/fixtures/ingest: one line per file with a hash of its report, findings and source lines,
 * so that a change meant to make the reader faster can be shown to change no result (or which
 * ones it changes). For the generated reports, whose truth is known, it also counts the cells
 * read right, read wrong (a figure that differs from the truth) and left unread.
 *
 * Prints the counts; writes the per-file lines to --out (default: stdout after the counts).
 * With --show NAME, prints the full result of that one file instead.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ingestFile, type IngestResult } from '../../src/ingest/index.js';
import type { AnnualReport } from '../../src/core/report/model.js';
import { renderDocx, renderText } from '../../src/render/index.js';
import { arbitraryReport } from '../../test/support/report-arbitrary.js';
import { layoutReport, TEXT_LAYOUTS, type TextLayout } from '../../test/support/report-layouts.js';

const SEED = 20240131; // bench/ingest.ts's
const LAYOUTS: readonly (TextLayout | 'txt-renderer')[] = ['txt-renderer', ...TEXT_LAYOUTS];

function option(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1]!;
}

interface Counts {
  files: number;
  errors: number;
  unreadReports: number;
  cellsRight: number;
  cellsWrong: number;
  cellsUnread: number;
}

const counts = new Map<string, Counts>();
function count(group: string): Counts {
  let c = counts.get(group);
  if (!c) {
    c = { files: 0, errors: 0, unreadReports: 0, cellsRight: 0, cellsWrong: 0, cellsUnread: 0 };
    counts.set(group, c);
  }
  return c;
}

/** Every leaf figure of the three tables: "table.row.column" → value. */
function cells(report: AnnualReport | null): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!report) return out;
  for (const [table, rows] of Object.entries(report.tables))
    for (const [row, columns] of Object.entries(rows as Record<string, unknown>))
      for (const [column, value] of Object.entries(columns as Record<string, unknown>))
        out.set(`${table}.${row}.${column}`, value);
  return out;
}

const digest = (result: IngestResult) =>
  createHash('sha256')
    .update(
      JSON.stringify({
        kind: result.kind,
        encoding: result.encoding,
        report: result.report,
        findings: result.findings,
        sourceLines: result.sourceLines,
        published: result.published ?? null,
      }),
    )
    .digest('hex')
    .slice(0, 16);

const lines: string[] = [];
function record(
  group: string,
  name: string,
  result: IngestResult,
  truth: AnnualReport | null,
): void {
  const c = count(group);
  c.files++;
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  if (errors) c.errors++;
  if (!result.report) c.unreadReports++;
  let wrong = 0;
  let unread = 0;
  if (truth) {
    const read = cells(result.report);
    for (const [key, value] of cells(truth)) {
      if (value === null || value === undefined) continue;
      const got = read.get(key);
      if (got === value) c.cellsRight++;
      else if (got === null || got === undefined) unread++;
      else wrong++;
    }
    c.cellsWrong += wrong;
    c.cellsUnread += unread;
  }
  lines.push(`${name} ${digest(result)} errors=${errors} wrong=${wrong} unread=${unread}`);
}

async function main(args: string[]): Promise<void> {
  const count_ = Number(option(args, 'count', '10000'));
  const docxCount = Number(option(args, 'docx', '1000'));
  const show = option(args, 'show', '');
  const out = option(args, 'out', '');
  const root = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

  const fixtures: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'truth' && name !== 'expected') walk(path);
      } else fixtures.push(path);
    }
  };
  walk(join(root, 'corpus'));
  walk(join(root, 'ingest'));
  for (const path of fixtures) {
    const name = path.slice(root.length);
    if (show && show !== name) continue;
    const bytes = readFileSync(path);
    const result = await ingestFile(new Uint8Array(bytes), path.split('/').pop()!);
    if (show) return void process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    record('fixtures', name, result, null);
  }

  let written = 0;
  for (let start = 0; start < count_; start += 500) {
    const reports = fc.sample(arbitraryReport(), {
      seed: SEED + start,
      numRuns: Math.min(500, count_ - start),
    });
    for (const report of reports) {
      const layout = LAYOUTS[written % LAYOUTS.length]!;
      const name = `${String(written).padStart(6, '0')}.${layout}.txt`;
      written++;
      if (show && show !== name) continue;
      const content =
        layout === 'txt-renderer'
          ? renderText(report)
          : layoutReport(report, layout, { seed: written - 1 });
      const result = await ingestFile(new TextEncoder().encode(content), name);
      if (show) {
        process.stdout.write(`${content}\n${JSON.stringify(result, null, 1)}\n`);
        return;
      }
      record(layout, name, result, report);
    }
  }
  const reports = fc.sample(arbitraryReport(), { seed: SEED - 1, numRuns: docxCount });
  let i = 0;
  for (const report of reports) {
    const name = `${String(i++).padStart(6, '0')}.docx`;
    if (show && show !== name) continue;
    const result = await ingestFile(await renderDocx(report), name);
    if (show) return void process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    record('docx', name, result, report);
  }

  const total = count('总计');
  for (const [group, c] of counts) {
    if (group === '总计') continue;
    for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
  }
  const all = createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
  const summary = [...counts].map(
    ([group, c]) =>
      `${group.padEnd(14)} files ${c.files} errors ${c.errors} unread-reports ${c.unreadReports} cells right ${c.cellsRight} wrong ${c.cellsWrong} unread ${c.cellsUnread}`,
  );
  process.stdout.write(`${summary.join('\n')}\ndigest ${all}\n`);
  if (out) writeFileSync(out, `${lines.join('\n')}\n`);
  else process.stdout.write(`${lines.join('\n')}\n`);
}

await main(process.argv.slice(2));
