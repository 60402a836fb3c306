/**
 * The server's scheduler: daily jobs, run once per day (Asia/Shanghai) however many app nodes
 * share the database, and the e-mail outbox, worked off on every tick.
 *
 * Each tick, for each job whose hour has come, a node claims the day's run by inserting its
 * row (job, day): the one insert that succeeds runs it; a run left unfinished past its lease (a
 * node that died) is taken over by the next tick of any node. The jobs themselves are
 * idempotent (every notification and e-mail has its key), so a run taken over repeats nothing.
 * Time comes from the context's clock: tests tick with a fixed one.
 */
import { randomUUID } from 'node:crypto';
import * as repo from '../store/repositories/reminders.js';
import { shanghaiDate, type ServiceContext } from './context.js';
import { deliverOutbox, type DeliveryResult, type MailTransport } from './mail.js';
import { isReminderDay, runDailyReminders } from './reminders.js';

export interface DailyJob {
  name: string;
  /** The earliest time of day it runs, HH:MM Asia/Shanghai. */
  from: string;
  run(ctx: ServiceContext, today: string): Promise<Record<string, unknown>>;
}

/** The reminders: due soon, overdue (督办) and the holiday notice, on working days from 08:00. */
export function reminderJob(options: { publicUrl?: string | null } = {}): DailyJob {
  return {
    name: 'daily-reminders',
    from: '08:00',
    run: async (ctx, today) => {
      if (!(await isReminderDay(ctx.store.db, today))) return { skipped: '非工作日' };
      return { ...(await runDailyReminders(ctx, today, options)) };
    },
  };
}

export interface TickResult {
  ran: { job: string; result: Record<string, unknown> }[];
  failed: { job: string; error: string }[];
  outbox: DeliveryResult;
}

const LEASE_MS = 15 * 60_000;

/** The time of day of an instant in Asia/Shanghai, HH:MM. */
const shanghaiTime = (instant: Date) =>
  new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16);

export class Scheduler {
  readonly node: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult> | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: {
      jobs: DailyJob[];
      mail: { transport: MailTransport; from: string } | null;
      node?: string;
      log?: { info(o: object, m: string): void; error(o: object, m: string): void };
    },
  ) {
    this.node = options.node ?? randomUUID();
  }

  /** Claims today's run of `job`: true when this node is to run it now. */
  private async claim(job: string, today: string): Promise<boolean> {
    const now = this.ctx.clock.now();
    const lease = new Date(now.getTime() + LEASE_MS).toISOString();
    const db = this.ctx.store.db;
    if (
      await repo.insertJobRun(db, {
        job,
        run_on: today,
        node: this.node,
        started_at: now.toISOString(),
        lease_until: lease,
      })
    ) {
      return true;
    }
    return repo.takeOverJobRun(db, {
      job,
      run_on: today,
      node: this.node,
      now: now.toISOString(),
      lease_until: lease,
    });
  }

  /** One round: the daily jobs due and not yet run today, then the outbox. Never throws. */
  async tick(): Promise<TickResult> {
    if (this.running) return this.running;
    this.running = this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<TickResult> {
    const now = this.ctx.clock.now();
    const today = shanghaiDate(now);
    const result: TickResult = { ran: [], failed: [], outbox: { sent: 0, failed: 0, waiting: 0 } };
    for (const job of this.options.jobs) {
      if (shanghaiTime(now) < job.from) continue;
      try {
        if (!(await this.claim(job.name, today))) continue;
        const outcome = await job.run(this.ctx, today);
        await repo.finishJobRun(this.ctx.store.db, {
          job: job.name,
          run_on: today,
          node: this.node,
          finished_at: this.ctx.clock.now().toISOString(),
          result_json: JSON.stringify(outcome),
        });
        result.ran.push({ job: job.name, result: outcome });
        this.options.log?.info({ job: job.name, today, outcome }, 'daily job done');
      } catch (error) {
        // Left unfinished: another tick takes it over once the lease has passed.
        const message = error instanceof Error ? error.message : String(error);
        result.failed.push({ job: job.name, error: message });
        this.options.log?.error({ job: job.name, today, err: error }, 'daily job failed');
      }
    }
    try {
      result.outbox = await deliverOutbox(this.ctx, this.options.mail);
    } catch (error) {
      this.options.log?.error({ err: error }, 'outbox delivery failed');
    }
    return result;
  }

  /** Ticks every `intervalMs` (a minute by default) until stopped; does not keep the process up. */
  start(intervalMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops ticking and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
    this.options.mail?.transport.close?.();
  }
}
