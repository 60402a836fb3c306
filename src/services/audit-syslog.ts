import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { hostname } from 'node:os';
import { connect, isIPv6, type Socket } from 'node:net';

/** `udp://host:514` or `tcp://host:601`: where the audit chain's heads are sent by syslog. */
export interface SyslogTarget {
  transport: 'udp' | 'tcp';
  host: string;
  port: number;
}

export function parseSyslogTarget(raw: string): SyslogTarget {
  const m = /^(udp|tcp):\/\/(\[[0-9a-fA-F:.]+\]|[^:/\s[\]]+):(\d{1,5})\/?$/i.exec(raw.trim());
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) {
    throw new Error(
      `环境变量 GONGKAI_AUDIT_SYSLOG=${raw} 无效：应形如 udp://日志服务器:514 或 tcp://日志服务器:601。`,
    );
  }
  return {
    transport: m[1]!.toLowerCase() as 'udp' | 'tcp',
    host: m[2]!.replace(/^\[|\]$/g, ''),
    port,
  };
}

/** What one syslog message carries: the chain's new head and what changed. */
export interface SyslogRecord {
  seq: number;
  hash: string;
  at: string;
  json: string;
}

/** RFC 5424 facility 13 (log audit), severity 6 (informational). */
const PRI = 13 * 8 + 6;
const SD_ID = 'gongkai-audit@32473';

/**
 * One RFC 5424 message: `<110>1 TIMESTAMP HOST gongkai PID audit [SD] BOM JSON`. The structured
 * data carries the sequence number and hash so a collector can index them without parsing MSG.
 */
export function formatSyslog(record: SyslogRecord, host = hostname()): string {
  const name = host.replace(/[^\x21-\x7e]/g, '').slice(0, 255) || '-';
  return (
    `<${PRI}>1 ${record.at} ${name} gongkai ${process.pid} audit ` +
    `[${SD_ID} seq="${record.seq}" hash="${record.hash}"] \ufeff${record.json}`
  );
}

/**
 * Sends messages to one syslog server. UDP: one datagram a message (RFC 5426). TCP: one
 * connection, opened on first use and again after a failure, with octet-counting framing
 * (RFC 6587). Failures go to `onError`; they never reach the change being recorded.
 */
export class SyslogSender {
  private udp: UdpSocket | null = null;
  private tcp: Socket | null = null;
  private closed = false;

  constructor(
    readonly target: SyslogTarget,
    private readonly onError: (error: Error) => void,
  ) {}

  send(message: string): void {
    if (this.closed) return;
    const body = Buffer.from(message, 'utf8');
    if (this.target.transport === 'udp') {
      if (!this.udp) {
        this.udp = createSocket(isIPv6(this.target.host) ? 'udp6' : 'udp4');
        this.udp.on('error', (e) => this.onError(e));
        this.udp.unref();
      }
      this.udp.send(body, this.target.port, this.target.host, (e) => {
        if (e) this.onError(e);
      });
      return;
    }
    if (!this.tcp || this.tcp.destroyed) {
      const socket = connect({ host: this.target.host, port: this.target.port });
      socket.on('error', (e) => {
        this.onError(e);
        socket.destroy();
      });
      socket.unref();
      this.tcp = socket;
    }
    this.tcp.write(Buffer.concat([Buffer.from(`${body.length} `), body]));
  }

  /** Sends what is queued, then closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    this.udp?.close();
    const tcp = this.tcp;
    if (tcp && !tcp.destroyed) {
      await new Promise<void>((resolve) => {
        tcp.end(() => resolve());
        tcp.once('error', () => resolve());
        tcp.once('close', () => resolve());
      });
    }
  }
}
