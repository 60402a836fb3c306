import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { createAuditAnchor, type AuditAnchor } from '../../src/services/audit-anchor.js';
import { parseSyslogTarget } from '../../src/services/audit-syslog.js';
import type { ServiceContext } from '../../src/services/context.js';
import { testContext } from '../support/app.js';
import { describeEachStore } from '../support/stores.js';

/** `<110>1 TIMESTAMP HOST gongkai PID audit [gongkai-audit@32473 seq=".." hash=".."] BOM JSON` */
// The hash is 64 hex digits, prefixed by its algorithm under SM3 (GONGKAI_CRYPTO=sm).
const RFC5424 =
  /^<110>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\S+) gongkai (\d+) audit \[gongkai-audit@32473 seq="(\d+)" hash="((?:sm3:)?[0-9a-f]{64})"\] \ufeff(\{.*\})$/s;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function recordOne(ctx: ServiceContext, username: string) {
  await createUser(
    ctx,
    {
      kind: 'user',
      principal: { userId: 'x', username: 'secadmin', displayName: '安全员', grants: [] },
      ip: '192.0.2.7',
    },
    { username, displayName: username, grants: [{ role: 'system_admin' }] },
  );
  const head = await ctx.store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

function anchored(ctx: ServiceContext, target: string, lines?: string[]): AuditAnchor {
  const anchor = createAuditAnchor({
    dir: null,
    syslog: parseSyslogTarget(target),
    stdout: lines ? { write: (line: string) => lines.push(line) } : null,
    onError: (error) => {
      throw error;
    },
  });
  closers.push(() => anchor.close());
  return anchor;
}

describeEachStore('the audit chain sent to syslog (RFC 5424) and stdout', (getStore) => {
  it('sends each new head to a UDP syslog listener, and a JSON line to stdout', async () => {
    const received: string[] = [];
    const socket = createSocket('udp4');
    socket.on('message', (m) => received.push(m.toString('utf8')));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
    const { port } = socket.address();
    const stdout: string[] = [];
    const base = testContext(getStore().store);
    const ctx = { ...base, auditAnchor: anchored(base, `udp://127.0.0.1:${port}`, stdout) };

    const head = await recordOne(ctx, 'syslog-udp');
    await expect.poll(() => received.length).toBe(1);
    const m = RFC5424.exec(received[0]!);
    expect(m, received[0]).not.toBeNull();
    expect(Number(m![4])).toBe(head.seq);
    expect(m![5]).toBe(head.hash);
    const event = JSON.parse(m![6]!) as Record<string, unknown>;
    expect(event).toMatchObject({
      type: 'gongkai.audit',
      seq: head.seq,
      hash: head.hash,
      action: 'user.create',
      clientIp: '192.0.2.7',
      actor: '安全员（secadmin）',
    });
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0]!)).toEqual(event);
  });

  it('sends each new head to a TCP syslog listener, framed by octet counting (RFC 6587)', async () => {
    let buffer = Buffer.alloc(0);
    const server = createServer((connection) =>
      connection.on('data', (chunk) => (buffer = Buffer.concat([buffer, chunk]))),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const base = testContext(getStore().store);
    const ctx = { ...base, auditAnchor: anchored(base, `tcp://127.0.0.1:${port}`) };

    const first = await recordOne(ctx, 'syslog-tcp-1');
    const second = await recordOne(ctx, 'syslog-tcp-2');
    const frames = (): string[] => {
      const out: string[] = [];
      let rest = buffer;
      for (;;) {
        const space = rest.indexOf(0x20);
        if (space < 0) return out;
        const length = Number(rest.subarray(0, space).toString());
        if (rest.length < space + 1 + length) return out;
        out.push(rest.subarray(space + 1, space + 1 + length).toString('utf8'));
        rest = rest.subarray(space + 1 + length);
      }
    };
    await expect.poll(() => frames().length).toBe(2);
    const [a, b] = frames().map((f) => RFC5424.exec(f));
    expect([Number(a![4]), a![5]]).toEqual([first.seq, first.hash]);
    expect([Number(b![4]), b![5]]).toEqual([second.seq, second.hash]);
  });

  it('refuses a syslog address it cannot use, naming the variable', () => {
    expect(() => parseSyslogTarget('syslog.example.gov.cn')).toThrow(/GONGKAI_AUDIT_SYSLOG/);
    expect(() => parseSyslogTarget('udp://host:70000')).toThrow(/GONGKAI_AUDIT_SYSLOG/);
    expect(parseSyslogTarget('tcp://[::1]:601')).toEqual({
      transport: 'tcp',
      host: '::1',
      port: 601,
    });
  });
});
