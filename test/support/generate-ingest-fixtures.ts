/**
 * Generates the reader's format and variant fixtures (run by hand, output committed):
 *
 *   npx tsx test/support/generate-ingest-fixtures.ts [official]
 *
 * - test/fixtures/ingest/formats/: each corpus report as an HTML page (converted here, the way
 *   a government site's CMS lays the text's tables out, with merged cells), and that page
 *   converted by LibreOffice (Debian's soffice) to DOCX and PDF.
 * - test/fixtures/ingest/variants/: a sample report with figures in every table, in every text
 *   layout and encoding the reader must handle, including pdftotext's layout and raw output of
 *   the sample's PDF; test/fixtures/ingest/expected/sample.json holds its figures.
 * - the sample in the official table layout (see officialLayout) as HTML, DOCX and PDF, and
 *   pdftotext's layout and default output of that PDF (`official` makes only these).
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import { layoutReport, type TextLayout } from './report-layouts.js';
import { sampleReport } from './ingest-sample.js';

const ROOT = new URL('../fixtures/', import.meta.url).pathname;
const CORPUS = join(ROOT, 'corpus');
const FORMATS = join(ROOT, 'ingest', 'formats');
const VARIANTS = join(ROOT, 'ingest', 'variants');
const EXPECTED = join(ROOT, 'ingest', 'expected');

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const isNumber = (s: string) => /^[\s\u3000]*[\d\uff10-\uff19.,]+[\s\u3000]*$/.test(s);

interface HtmlCell {
  text: string;
  colspan: number;
  rowspan: number;
  covered?: boolean;
}

/**
 * A table of text rows as a CMS would publish it: an empty cell below a label extends the
 * label down (rowspan), an empty cell after a header cell or a label extends it right (colspan).
 */
function tableHtml(rows: string[][]): string {
  const grid: HtmlCell[][] = rows.map((cells) =>
    cells.map((text) => ({ text, colspan: 1, rowspan: 1 })),
  );
  grid.forEach((row, r) => {
    const header = !row.some((c) => isNumber(c.text));
    const firstValue = row.findIndex((c) => isNumber(c.text));
    row.forEach((cell, c) => {
      if (cell.text.trim() !== '' || cell.covered) return;
      const inLabels = header || firstValue < 0 || c < firstValue;
      const above = r > 0 ? grid[r - 1]![c] : undefined;
      if (
        inLabels &&
        !header &&
        above &&
        !isNumber(above.text) &&
        (above.text.trim() !== '' || above.covered)
      ) {
        // Extend the origin of the cell above downwards.
        let rr = r - 1;
        while (rr > 0 && grid[rr]![c]!.covered && grid[rr]![c]!.text === '') rr--;
        const origin = grid[rr]![c]!;
        if (origin.text.trim() !== '') {
          origin.rowspan += r - rr - origin.rowspan + 1;
          cell.covered = true;
          return;
        }
      }
      // Extend the nearest cell to the left rightwards.
      for (let cc = c - 1; cc >= 0; cc--) {
        const left = row[cc]!;
        if (left.covered) continue;
        if (left.text.trim() === '') break;
        left.colspan++;
        cell.covered = true;
        return;
      }
    });
  });
  const body = grid
    .map(
      (row) =>
        `<tr>${row
          .filter((c) => !c.covered)
          .map((c) => {
            const attrs = `${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
            return `<td${attrs}>${escape(c.text.trim())}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table border="1" cellspacing="0" style="width:100%;border-collapse:collapse">\n${body}\n</table>`;
}

/** A report's text (tab rows or a cell per line) to an HTML page. */
export function textToHtml(text: string, title: string): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith('\t')) {
      // A cell per line: rows are separated by blank lines; a line without a tab continues a cell.
      const rows: string[][] = [];
      let row: string[] = [];
      while (
        i < lines.length &&
        (lines[i]!.startsWith('\t') ||
          (lines[i]!.trim() === '' && lines[i + 1]?.startsWith('\t')) ||
          (row.length > 0 &&
            lines[i]!.trim() !== '' &&
            !lines[i]!.includes('\t') &&
            lines[i]!.length < 40))
      ) {
        const l = lines[i]!;
        if (l.trim() === '') {
          if (row.length) rows.push(row);
          row = [];
        } else if (l.startsWith('\t')) row.push(l.slice(1));
        else row[row.length - 1] += l.trim();
        i++;
      }
      if (row.length) rows.push(row);
      out.push(tableHtml(rows));
      continue;
    }
    if (line.includes('\t')) {
      const rows: string[][] = [];
      while (
        i < lines.length &&
        (lines[i]!.includes('\t') || (lines[i]!.trim() === '' && lines[i + 1]?.includes('\t')))
      ) {
        if (lines[i]!.trim() !== '') rows.push(lines[i]!.split('\t'));
        i++;
      }
      out.push(tableHtml(rows));
      continue;
    }
    if (line.trim() !== '') out.push(`<p>${escape(line.trim())}</p>`);
    i++;
  }
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>\n<style>body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC",serif;font-size:12pt} td{border:1px solid #000;padding:2pt 4pt;font-size:10pt}</style></head>\n<body>\n${out.join('\n')}\n</body></html>\n`;
}

function soffice(file: string, target: 'docx' | 'pdf' | 'encrypted-pdf', outDir: string): void {
  const filter =
    target === 'docx'
      ? 'docx:MS Word 2007 XML'
      : target === 'pdf'
        ? 'pdf:writer_pdf_Export'
        : 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"gongkai"}}';
  const profile = mkdtempSync(join(tmpdir(), 'gongkai-lo-'));
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--infilter=HTML (StarWriter)',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        file,
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The sample's tab layout with table 三's labels where the official table (国办公开办函〔2021〕30号)
 * has them: （七）总计 in the second column under 三、本年度办理结果, and 一、二、四 across the first
 * two. A PDF of it wraps 四、结转下年度继续办理 around （七）总计, with the figures apart from both.
 */
export function officialLayout(tabs: string): string {
  return tabs
    .split('\n')
    .map((line) => {
      if (line.startsWith('（七）总计\t')) return `\t${line}`;
      if (/^[一二四]、[^\t]+\t\d/.test(line)) return line.replace('\t', '\t\t');
      return line;
    })
    .join('\n');
}

/**
 * The sample in the official table layout through LibreOffice: the page, the DOCX and PDF made
 * of it, and pdftotext's layout and default output of the PDF.
 */
function officialSample(work: string): void {
  const html = textToHtml(officialLayout(layoutReport(sampleReport(), 'tabs')), 'sample');
  const dir = join(work, 'official');
  mkdirSync(dir, { recursive: true });
  const page = join(dir, 'sample-official.html');
  writeFileSync(page, html);
  writeFileSync(join(FORMATS, 'sample-official.html'), html);
  soffice(page, 'pdf', dir);
  soffice(page, 'docx', dir);
  const pdf = join(dir, 'sample-official.pdf');
  copyFileSync(pdf, join(FORMATS, 'sample-official.pdf'));
  copyFileSync(join(dir, 'sample-official.docx'), join(FORMATS, 'sample-official.docx'));
  execFileSync('pdftotext', [
    '-layout',
    pdf,
    join(VARIANTS, 'sample-official.pdftotext-layout.txt'),
  ]);
  execFileSync('pdftotext', [pdf, join(VARIANTS, 'sample-official.pdftotext-plain.txt')]);
}

function main(): void {
  if (process.argv[2] === 'official') {
    // Only the official-layout sample (the other fixtures stay as committed).
    const work = mkdtempSync(join(tmpdir(), 'gongkai-fixtures-'));
    try {
      officialSample(work);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return;
  }
  mkdirSync(FORMATS, { recursive: true });
  mkdirSync(VARIANTS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'gongkai-fixtures-'));
  try {
    // Corpus reports in HTML, DOCX and PDF.
    for (const name of readdirSync(CORPUS)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const stem = basename(name, '.txt');
      const text = readFileSync(join(CORPUS, name), 'utf8');
      const html = textToHtml(text, stem);
      writeFileSync(join(FORMATS, `${stem}.html`), html);
      const page = join(work, `${stem}.html`);
      writeFileSync(page, html);
      soffice(page, 'docx', work);
      soffice(page, 'pdf', work);
      copyFileSync(join(work, `${stem}.docx`), join(FORMATS, `${stem}.docx`));
      copyFileSync(join(work, `${stem}.pdf`), join(FORMATS, `${stem}.pdf`));
    }

    // The sample report in every layout and encoding.
    const report = sampleReport();
    const layouts: TextLayout[] = [
      'tabs',
      'cell-per-line',
      'lost-cells',
      'run-together',
      'markdown',
      'layout-mode',
      'fullwidth',
      'raw-mode',
    ];
    for (const layout of layouts) {
      writeFileSync(
        join(VARIANTS, `sample.${layout}.txt`),
        layoutReport(report, layout, { seed: 7 }),
      );
    }
    const tabs = layoutReport(report, 'tabs');
    writeFileSync(join(VARIANTS, 'sample.utf8-bom.txt'), `\ufeff${tabs}`);
    writeFileSync(join(VARIANTS, 'sample.gb18030.txt'), iconv.encode(tabs, 'gb18030'));
    writeFileSync(
      join(VARIANTS, 'sample.utf16le-bom.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabs, 'utf16le')]),
    );
    writeFileSync(join(VARIANTS, 'sample.crlf.txt'), tabs.replace(/\n/g, '\r\n'));
    // Page furniture between rows: page numbers, a running footer, form feeds, bookmarks.
    const furnished = tabs
      .split('\n')
      .flatMap((line) => {
        if (line.startsWith('\t（二）部分公开')) return [`[bookmark: _Hlk1]${line}`];
        if (line.startsWith('\t\t4.保护第三方')) {
          return ['示例市交通运输局政府信息公开工作年度报告', '- 3 -', `\f${line}`];
        }
        if (line.startsWith('结果维持')) return ['\f4', line];
        return [line];
      })
      .join('\n');
    writeFileSync(join(VARIANTS, 'sample.furniture.txt'), furnished);

    // The sample through a real PDF: pdftotext's layout and raw modes, and the PDF itself.
    const page = join(work, 'sample.html');
    writeFileSync(page, textToHtml(tabs, 'sample'));
    writeFileSync(join(FORMATS, 'sample.html'), textToHtml(tabs, 'sample'));
    soffice(page, 'pdf', work);
    soffice(page, 'docx', work);
    copyFileSync(join(work, 'sample.pdf'), join(FORMATS, 'sample.pdf'));
    copyFileSync(join(work, 'sample.docx'), join(FORMATS, 'sample.docx'));
    // A PDF that needs a password to open.
    const locked = join(work, 'locked');
    mkdirSync(locked);
    soffice(page, 'encrypted-pdf', locked);
    copyFileSync(join(locked, 'sample.pdf'), join(FORMATS, 'sample.encrypted.pdf'));
    execFileSync('pdftotext', [
      '-layout',
      join(work, 'sample.pdf'),
      join(VARIANTS, 'sample.pdftotext-layout.txt'),
    ]);
    execFileSync('pdftotext', [
      '-raw',
      join(work, 'sample.pdf'),
      join(VARIANTS, 'sample.pdftotext-raw.txt'),
    ]);
    officialSample(work);

    writeFileSync(
      join(EXPECTED, 'sample.json'),
      `${JSON.stringify(
        {
          agency: report.agency,
          agencyLevel: report.agencyLevel,
          year: report.year,
          publishedOn: report.publishedOn,
          title: report.title,
          sections: report.sections.map((s) => s.number),
          tables: report.tables,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
