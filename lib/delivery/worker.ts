import "server-only";
import { hostname } from "node:os";
import { randomKey } from "@/lib/crypto/tokens";
import { type Database, database as processDatabase } from "@/lib/db/client";
import { DELIVERY_CHANNEL } from "@/lib/db/queries/events";
import { logError } from "@/lib/log-error";
import { observeAttempt } from "@/lib/observability/attempts";
import { attemptDelivery } from "./attempt";
import { claim } from "./claim";
import { type DeliveryConfig, deliveryConfig } from "./config";
import type { HttpClient } from "./http-client";
import { createDeliveryClient } from "./inbox-client";
import { markDisabled, recordResults } from "./record-results";
import type { AttemptResult, ClaimedDelivery } from "./types";

export type WorkerOptions = {
  /** Identifies the worker in `locked_by`; host, pid and a random suffix by default. */
  id?: string;
  /** Aborting it stops the worker (as stop() does). */
  signal?: AbortSignal;
  /** Overrides of the environment's settings (tests). */
  config?: Partial<DeliveryConfig>;
  /** The database to work on; the process's by default. */
  database?: Database;
  /** Called whenever the worker has claimed what it could and waits to be woken or polled (tests). */
  onIdle?: () => void;
};

export type Worker = {
  id: string;
  /** Stops claiming, waits for the sends in flight (each ends within the total timeout) and their records. */
  stop(): Promise<void>;
};

export type DrainStats = {
  claimed: number;
  succeeded: number;
  retried: number;
  failed: number;
  disabled: number;
};

function newWorkerId(): string {
  return `${hostname()}-${process.pid}-${randomKey(6)}`;
}

/** A write of results starts once this many wait (or no other send is on the wire)… */
const FLUSH_AT = 32;
/** …or this long after the first one was queued, ms. */
const FLUSH_MS = 5;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * The part shared by the long-running worker and drainOnce: claims rows while there is room in the pool,
 * sends each independently (one hanging URL holds one slot until its timeout, never the others), and records
 * results in batches: a write starts once FLUSH_AT results wait, or no other send is on the wire, or FLUSH_MS
 * after the first one (a statement per result would cost more than the send); results that arrive while a
 * write is running are written together by the next one. A send holds its slot until its result is written.
 */
class Engine {
  inFlight = 0;
  readonly stats: DrainStats = { claimed: 0, succeeded: 0, retried: 0, failed: 0, disabled: 0 };
  private readonly sends = new Set<Promise<void>>();
  private queue: Array<{ result: AttemptResult; claimedAt: number; written: () => void }> = [];
  private flushing: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private settledWaiters: Array<() => void> = [];

  constructor(
    readonly id: string,
    readonly config: DeliveryConfig,
    readonly database: Database,
    readonly http: HttpClient,
    /** Called when a slot frees up, and when a retry is due within `ms`. */
    readonly onWake: (ms: number) => void,
  ) {}

  /** Free slots that make a freed send wake the claimer. */
  get refillAt(): number {
    return Math.max(1, Math.floor(Math.min(this.config.claimBatch, this.config.concurrency) / 4));
  }

  room(): number {
    return this.config.concurrency - this.inFlight;
  }

  /** Claims up to the room left (at most claimBatch) and starts sending; returns how many were claimed. */
  async claim(): Promise<{ claimed: number; requested: number }> {
    const requested = Math.min(this.room(), this.config.claimBatch);
    if (requested <= 0) return { claimed: 0, requested };
    const { rows, nextFreeAt } = await claim(
      this.id,
      {
        batch: requested,
        leaseMs: this.config.leaseMs,
        perWebhookCap: this.config.perWebhookConcurrency,
        clock: this.config.clock,
        rateLimits: this.config.rateLimits,
      },
      this.database,
    );
    // A robot at its rate limit: its deliveries stay due; look again when its window frees up.
    if (nextFreeAt !== null) this.onWake(Math.max(1, nextFreeAt - this.config.clock()));
    this.stats.claimed += rows.length;
    const disabled = rows.filter((row) => row.webhook && !row.webhook.enabled);
    if (disabled.length > 0) {
      this.stats.disabled += disabled.length;
      await markDisabled(
        this.id,
        disabled.map((row) => row.id),
        this.database,
      ).catch((error) => logError("delivery", error));
    }
    for (const row of rows) if (!row.webhook || row.webhook.enabled) this.dispatch(row);
    return { claimed: rows.length, requested };
  }

  private dispatch(row: ClaimedDelivery): void {
    const claimedAt = Date.now();
    this.inFlight++;
    const send = this.attempt(row)
      .then((result) => this.enqueue(result, claimedAt))
      .catch((error) => logError("delivery", error))
      .finally(() => {
        this.inFlight--;
        this.sends.delete(send);
        for (const waiter of this.settledWaiters.splice(0)) waiter();
        // Claim again once a quarter of a batch is free (or nothing is in flight): a claim per freed slot
        // would cost a claim statement per delivery.
        if (this.inFlight === 0 || this.room() >= this.refillAt) this.onWake(0);
      });
    this.sends.add(send);
  }

  /** Resolves when a send in flight settles (immediately when none is in flight). */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private attempt(row: ClaimedDelivery): Promise<AttemptResult> {
    return attemptDelivery(row, { config: this.config, http: this.http, workerId: this.id }).then((result) =>
      observeAttempt(row, result),
    );
  }

  /** Queues a result for the next write; resolves once it is written (or given up: its lease ended). */
  private enqueue(result: AttemptResult, claimedAt: number): Promise<void> {
    const counter = result.next.status === "pending" ? "retried" : result.next.status;
    this.stats[counter]++;
    return new Promise((written) => {
      this.queue.push({ result, claimedAt, written });
      this.schedule();
    });
  }

  /** Starts a write now (FLUSH_AT results waiting, or no other send on the wire), or in FLUSH_MS. */
  private schedule(): void {
    if (this.flushing || this.queue.length === 0) return;
    const onTheWire = this.inFlight - this.queue.length;
    if (this.queue.length >= FLUSH_AT || onTheWire <= 0) {
      this.flush();
      return;
    }
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Writes the queued results; one write at a time, the next one takes everything queued meanwhile. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.flushing) return;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    this.flushing = recordResults(
      batch.map((entry) => entry.result),
      this.database,
    )
      .then(() => {
        for (const { result, written } of batch) {
          if (result.next.status === "pending") this.onWake(result.next.delayMs);
          written();
        }
      })
      .catch(async (error) => {
        logError("delivery", error);
        // Keep what can still be recorded under our lease; the rest is claimable again after the lease.
        const now = Date.now();
        const kept = batch.filter((entry) => now - entry.claimedAt < this.config.leaseMs);
        for (const entry of batch) if (!kept.includes(entry)) entry.written();
        this.queue.unshift(...kept);
        await delay(Math.min(1000, this.config.pollMs));
      })
      .finally(() => {
        this.flushing = null;
        this.schedule();
      });
  }

  /** Waits until every send in flight has ended and its result is written. */
  async idle(): Promise<void> {
    // Each send settles once its result is written: none left means nothing left to write.
    while (this.sends.size > 0) await Promise.all([...this.sends]);
  }
}

function engineFor(id: string, config: DeliveryConfig, database: Database, onWake: (ms: number) => void) {
  const http = createDeliveryClient(config);
  return new Engine(id, config, database, http, onWake);
}

/**
 * Starts a delivery worker: LISTENs for new work (woken at once), polls every pollMs as a fallback, keeps up
 * to `concurrency` sends in flight and claims more whenever there is room.
 */
export function startWorker(options: WorkerOptions = {}): Worker {
  const id = options.id ?? newWorkerId();
  const config = deliveryConfig(options.config);
  let stopped = false;
  let woken = false;
  let wakeUp: (() => void) | null = null;
  const timers = new Set<NodeJS.Timeout>();

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const onWake = (ms: number) => {
    if (stopped) return;
    if (ms <= 0) return wake();
    if (ms >= config.pollMs) return; // the poll comes first
    const timer = setTimeout(() => {
      timers.delete(timer);
      wake();
    }, ms);
    timers.add(timer);
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wakeUp = null;
    });

  let engine: Engine | undefined;
  let unlisten: (() => Promise<void>) | undefined;

  const loop = (async () => {
    const database = options.database ?? (await processDatabase());
    engine = engineFor(id, config, database, onWake);
    try {
      unlisten = await database.listen(DELIVERY_CHANNEL, wake);
    } catch (error) {
      logError("delivery", error);
    }
    while (!stopped) {
      woken = false;
      let full = false;
      if (engine.room() > 0) {
        try {
          const { claimed, requested } = await engine.claim();
          full = claimed > 0 && claimed === requested;
        } catch (error) {
          // The database is unreachable, say: try again at the next poll, without spinning.
          logError("delivery", error);
          if (!stopped) await sleep(config.pollMs);
          continue;
        }
      }
      if (stopped) break;
      // A full claim means there may be more due now: claim again as soon as there is room.
      if ((full && engine.room() >= engine.refillAt) || woken) continue;
      options.onIdle?.();
      await sleep(config.pollMs);
    }
  })();
  loop.catch((error) => logError("delivery", error));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stopped = true;
      wake();
      for (const timer of timers) clearTimeout(timer);
      await loop.catch(() => {});
      await unlisten?.().catch((error) => logError("delivery", error));
      if (engine) {
        await engine.idle();
        await engine.http.close();
      }
    })();
    return stopping;
  };
  if (options.signal) {
    if (options.signal.aborted) void stop();
    else options.signal.addEventListener("abort", () => void stop(), { once: true });
  }
  return { id, stop };
}

/**
 * Sends everything that is due now (and retries that become due while it runs), then returns: for tests and
 * for hosts without long-lived processes (a cron-triggered route).
 */
export async function drainOnce(options: Omit<WorkerOptions, "signal"> = {}): Promise<DrainStats> {
  const id = options.id ?? newWorkerId();
  const config = deliveryConfig(options.config);
  const database = options.database ?? (await processDatabase());
  const engine = engineFor(id, config, database, () => {});
  try {
    for (;;) {
      const { claimed } = engine.room() > 0 ? await engine.claim() : { claimed: 0 };
      if (claimed === 0 && engine.inFlight === 0) {
        // Results are written in batches: write them all, then look once more (a retry may be due by now).
        await engine.idle();
        if ((await engine.claim()).claimed === 0 && engine.inFlight === 0) break;
        continue;
      }
      if (claimed === 0 || engine.room() === 0) await engine.settled();
    }
    await engine.idle();
  } finally {
    await engine.idle().catch(() => {});
    await engine.http.close();
  }
  return engine.stats;
}
