/**
 * Each corpus report through every transformation the reader claims to handle — joined onto
 * one line, one cell per line, cells run together, rows wrapped, an HTML table whose zero cells
 * are empty, DOCX, GB18030 and PDF printed by Chromium (skipped without it, failing under CI) — reads to
 * the same figures or leaves them unread with an error: never a wrong figure, never a
 * missing-* finding the report does not deserve.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingestFile, type IngestResult } from '../../src/ingest/index.js';
import { describeBrowser, launchBrowser } from '../support/browser.js';

interface Truth {
  file: string;
  nonzero: Record<string, number>;
  unknown?: string[];
  absentOk?: string[];
  skipProactive?: boolean;
  expectFindings?: string[];
}

const corpus = new URL('../fixtures/corpus/', import.meta.url);
const truths: Truth[] = readdirSync(new URL('truth/', corpus))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(`truth/${f}`, corpus), 'utf8')) as Truth);

/** The cells of a line: cut by tabs, Markdown pipes or runs of two spaces. */
const cellsOf = (line: string) =>
  line
    .split(/\t|\s*\|\s*| {2,}/)
    .map((c) => c.trim())
    .filter((c) => c !== '' && !/^:?-{3,}:?$/.test(c));
const isFigure = (c: string) => /^\d+(?:\.\d+)?$/.test(c);
const isTableLine = (line: string) => cellsOf(line).length >= 2 && /\t|\|/.test(line);

const TRANSFORMATIONS: Record<string, (text: string) => string> = {
  'joined onto one line': (text) => text.replace(/\s*\n\s*/g, ' '),
  'one cell per line': (text) =>
    text
      .split('\n')
      .flatMap((l) => (isTableLine(l) ? cellsOf(l) : [l]))
      .join('\n'),
  'cells run together': (text) =>
    text
      .split('\n')
      .map((l) => {
        if (!isTableLine(l)) return l;
        const cells = cellsOf(l);
        return cells.some(isFigure)
          ? `${cells.filter((c) => !isFigure(c)).join(' ')} ${cells.filter(isFigure).join('')}`
          : l;
      })
      .join('\n'),
  'rows wrapped': (text) =>
    text
      .split('\n')
      .flatMap((l) => {
        if (!isTableLine(l)) return [l];
        const cells = cellsOf(l);
        const labels = cells.filter((c) => !isFigure(c)).join(' ');
        const figures = cells.filter(isFigure).join(' ');
        if (labels.length <= 8) return [labels, figures];
        const cut = Math.ceil(labels.length / 2);
        return [labels.slice(0, cut), `${labels.slice(cut)} ${figures}`];
      })
      .join('\n'),
};

/** The text as an HTML page: table lines as rows of a table, a zero cell left empty. */
function htmlOf(text: string): string {
  const out: string[] = ['<!doctype html><html><head><meta charset="utf-8"></head><body>'];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (isTableLine(line)) {
      if (!inTable) out.push('<table>');
      inTable = true;
      const cells = cellsOf(line).map((c) => (c === '0' ? '' : c.replace(/</g, '&lt;')));
      out.push(`<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
      continue;
    }
    if (inTable) out.push('</table>');
    inTable = false;
    out.push(`<p>${line.replace(/</g, '&lt;')}</p>`);
  }
  if (inTable) out.push('</table>');
  out.push('</body></html>');
  return out.join('\n');
}

/** The text as a DOCX: table lines as rows of a table, every other line a paragraph. */
async function docxOf(text: string): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.length));
    children.push(
      new Table({
        rows: rows.map(
          (r) =>
            new TableRow({
              children: Array.from(
                { length: width },
                (_, i) => new TableCell({ children: [new Paragraph(r[i] ?? '')] }),
              ),
            }),
        ),
      }),
    );
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (isTableLine(line)) rows.push(cellsOf(line));
    else {
      flush();
      children.push(new Paragraph(line));
    }
  }
  flush();
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

const CELLS = (() => {
  const rows = [
    'received',
    'carried_over',
    'disclosed',
    'partially_disclosed',
    'total',
    'carried_forward',
  ];
  const columns = ['natural_person', 'commercial', 'research', 'nonprofit', 'legal_service'];
  return rows.flatMap((r) => [...columns, 'other', 'total'].map((c) => `applications.${r}.${c}`));
})();

const globMatch = (pattern: string, key: string) =>
  new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(key);

/** What a missing-* finding claims: its code and place. */
const claim = (f: IngestResult['findings'][number]) =>
  [f.code, f.location.table, f.location.row, f.location.column, f.location.section].join('|');

/** The missing-* claims reading the untransformed report makes (the report's real defects). */
const originalClaims = new Map<string, Promise<Set<string>>>();
function claimsOf(truth: Truth): Promise<Set<string>> {
  let claims = originalClaims.get(truth.file);
  if (!claims) {
    claims = ingestFile(readFileSync(new URL(truth.file, corpus)), truth.file).then(
      (r) => new Set(r.findings.filter((f) => f.code.startsWith('missing-')).map(claim)),
    );
    originalClaims.set(truth.file, claims);
  }
  return claims;
}

/**
 * Every figure the truth knows is read right or left unread with an error on its table, and
 * no missing-* claim the untransformed report does not get.
 */
async function expectNoWrongFigure(truth: Truth, result: IngestResult): Promise<number> {
  const original = await claimsOf(truth);
  expect(result.report, 'a report is read').not.toBeNull();
  const tables = result.report!.tables as unknown as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  const errorTables = new Set(
    result.findings.filter((f) => f.severity === 'error').map((f) => f.location.table as string),
  );
  const keys = new Set([...CELLS, ...Object.keys(truth.nonzero)]);
  let read = 0;
  for (const key of keys) {
    if (truth.unknown?.includes(key)) continue;
    if (key.startsWith('proactive.') && truth.skipProactive) continue;
    const [table, ...rest] = key.split('.');
    const column = rest.pop()!;
    const got = tables[table!]?.[rest.join('.')]?.[column];
    const want = truth.nonzero[key] ?? 0;
    if (got === null || got === undefined) {
      if (want === 0 && truth.absentOk?.some((p) => globMatch(p, key))) continue;
      expect(errorTables.has(table!), `${key} unread without an error`).toBe(true);
    } else {
      expect(got, key).toBe(want);
      read++;
    }
  }
  const missing = result.findings
    .filter((f) => f.code.startsWith('missing-'))
    .filter((f) => !original.has(claim(f)));
  expect(
    missing.map((f) => `${f.code} ${f.message}`).join('\n'),
    'no missing-* finding the report does not deserve',
  ).toBe('');
  return read;
}

describe('each corpus report through every transformation', () => {
  for (const truth of truths) {
    const text = readFileSync(new URL(truth.file, corpus), 'utf8');
    describe(truth.file, () => {
      for (const [name, transform] of Object.entries(TRANSFORMATIONS)) {
        it(`${name}: the same figures or an explicit unread error`, async () => {
          const bytes = new TextEncoder().encode(transform(text));
          await expectNoWrongFigure(truth, await ingestFile(bytes, `${truth.file}.txt`));
        });
      }
      it('joined onto one line: the same agency, year and publication date, no false claim about the title', async () => {
        const original = await ingestFile(new TextEncoder().encode(text), truth.file);
        const joined = await ingestFile(
          new TextEncoder().encode(TRANSFORMATIONS['joined onto one line']!(text)),
          `${truth.file}.txt`,
        );
        const metadata = (r: IngestResult) => ({
          agency: r.report?.agency,
          year: r.report?.year,
          publishedOn: r.report?.publishedOn,
        });
        expect(original.report?.agency, 'the original reads an agency').not.toBe('');
        expect(metadata(joined)).toEqual(metadata(original));
        const about = (r: IngestResult) =>
          r.findings
            .filter((f) => ['year-mismatch', 'late-publication'].includes(f.code))
            .map((f) => `${f.code}:${f.severity}`)
            .sort();
        expect(about(joined)).toEqual(about(original));
      });
      it('HTML table with empty zero cells: the same figures or an explicit unread error', async () => {
        const bytes = new TextEncoder().encode(htmlOf(text));
        await expectNoWrongFigure(truth, await ingestFile(bytes, `${truth.file}.html`));
      });
      it('DOCX: the same figures or an explicit unread error', async () => {
        await expectNoWrongFigure(
          truth,
          await ingestFile(await docxOf(text), `${truth.file}.docx`),
        );
      });
      it('GB18030: the same figures as UTF-8', async () => {
        const utf8 = await ingestFile(new TextEncoder().encode(text), truth.file);
        const gb = await ingestFile(iconv.encode(text, 'gb18030'), truth.file);
        expect(gb.encoding).not.toBe('utf-8');
        expect(gb.report?.tables).toEqual(utf8.report?.tables);
        await expectNoWrongFigure(truth, gb);
      });
    });
  }
});

/**
 * Reports whose Chromium-printed PDF is known to read a wrong figure or a false missing-* claim
 * (open defects kept visible; a listed report that reads right must leave the list). None today:
 * the converter's placeholder header "数据1" beside 自然人 is a header word, not a figure.
 */
const KNOWN_PDF_DEFECTS = new Set<string>([]);

// Skipped with the reason where Chromium is missing — a failure under CI=true.
describeBrowser('each corpus report printed to PDF by Chromium', () => {
  it('PDF printed by Chromium: the same figures or an explicit unread error', async () => {
    const browser = await launchBrowser();
    try {
      const problems = new Map<string, string>();
      for (const truth of truths) {
        const text = readFileSync(new URL(truth.file, corpus), 'utf8');
        const page = await browser.newPage();
        await page.setContent(htmlOf(text));
        const pdf = new Uint8Array(await page.pdf({ format: 'A4' }));
        await page.close();
        try {
          await expectNoWrongFigure(truth, await ingestFile(pdf, `${truth.file}.pdf`));
        } catch (error) {
          problems.set(truth.file, String(error).slice(0, 400));
        }
      }
      // Every report but the known defects reads right or explicitly unread…
      expect(
        [...problems].filter(([file]) => !KNOWN_PDF_DEFECTS.has(file)).map((p) => p.join(': ')),
      ).toEqual([]);
      // …and a known defect that no longer shows must leave the list (it is fixed).
      expect([...KNOWN_PDF_DEFECTS].filter((file) => !problems.has(file))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
