/**
 * E-mail: an outbox table every message goes through, and a sender that works it off. A
 * reminder is queued in the same transaction as the notification it repeats, so it is never
 * lost; the sender sends what is due, retries a failure with growing pauses, and gives up
 * after MAX_ATTEMPTS (the message stays, marked failed, with the last error). Without SMTP
 * settings nothing is sent and nothing fails: the messages wait in the outbox.
 *
 * Several app nodes may share one database: each message is claimed (for CLAIM_MS) before it
 * is sent, so two senders never send it twice — unless a node dies after the SMTP server took
 * the message and before it recorded that, the one case any outbox must accept.
 */
import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Db } from '../store/database.js';
import * as repo from '../store/repositories/reminders.js';
import type { Config } from './config.js';
import type { ServiceContext } from './context.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** The same message (one person's reminder of one day) is queued once. */
  dedupeKey: string;
}

/** Sends one message or throws. nodemailer over SMTP in production; tests may pass their own. */
export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
  close?(): void;
}

export const MAX_ATTEMPTS = 8;
const CLAIM_MS = 5 * 60_000;
const FIRST_PAUSE_MS = 60_000;
const LONGEST_PAUSE_MS = 6 * 3600_000;

/** A plausible address: the outbox keeps only these, so a typo fails at entry, not at sending. */
export const isEmailAddress = (text: string): boolean =>
  /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/.test(text) &&
  text.length <= 254;

/** Queues a message (in the caller's transaction); false when it was queued before. */
export async function enqueueEmail(db: Db, at: Date, message: OutgoingEmail): Promise<boolean> {
  return repo.insertOutboxEmail(db, {
    id: randomUUID(),
    dedupe_key: message.dedupeKey,
    recipient: message.to,
    subject: message.subject,
    body_text: message.text,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at.toISOString(),
    claimed_until: null,
    last_error: null,
    created_at: at.toISOString(),
    sent_at: null,
  });
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  /** Pending messages not tried because no SMTP server is configured. */
  waiting: number;
}

/**
 * Sends the messages due now, up to `limit`. Without a transport (no SMTP configured) it sends
 * nothing and reports how many wait.
 */
export async function deliverOutbox(
  ctx: ServiceContext,
  transport: { transport: MailTransport; from: string } | null,
  limit = 50,
): Promise<DeliveryResult> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const due = await repo.listDueOutboxEmails(db, now.toISOString(), limit);
  if (!transport) return { sent: 0, failed: 0, waiting: due.length };
  let sent = 0;
  let failed = 0;
  for (const message of due) {
    const claimed = await repo.claimOutboxEmail(
      db,
      message.id,
      now.toISOString(),
      new Date(now.getTime() + CLAIM_MS).toISOString(),
    );
    if (!claimed) continue;
    const attempts = message.attempts + 1;
    try {
      await transport.transport.send({
        from: transport.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body_text,
      });
      await repo.markOutboxSent(db, message.id, ctx.clock.now().toISOString(), attempts);
      sent++;
    } catch (error) {
      failed++;
      const pause = Math.min(FIRST_PAUSE_MS * 2 ** (attempts - 1), LONGEST_PAUSE_MS);
      await repo.markOutboxFailedAttempt(db, message.id, {
        attempts,
        next_attempt_at: new Date(now.getTime() + pause).toISOString(),
        last_error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        final: attempts >= MAX_ATTEMPTS,
      });
    }
  }
  return { sent, failed, waiting: 0 };
}

/**
 * The SMTP transport of the configuration, or null when GONGKAI_SMTP_URL is not set. The URL
 * is nodemailer's: smtp://user:password@host:587 (STARTTLS when offered), smtps://…:465.
 */
export function smtpTransport(
  config: Pick<Config, 'smtpUrl' | 'smtpFrom'>,
): { transport: MailTransport; from: string } | null {
  const url = config.smtpUrl;
  if (!url) return null;
  // nodemailer is imported with the first message, not with the server: most servers send
  // none for hours, and many never (no SMTP configured).
  let mailer: Promise<Transporter> | null = null;
  const connect = () =>
    (mailer ??= import('nodemailer').then((module) => module.default.createTransport(url)));
  return {
    from: config.smtpFrom ?? 'gongkai@localhost',
    transport: {
      send: async (m) => {
        const transporter = await connect();
        await transporter.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text });
      },
      close: () => {
        void mailer?.then(
          (transporter) => transporter.close(),
          () => undefined,
        );
      },
    },
  };
}
