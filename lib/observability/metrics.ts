import "server-only";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { type Database, database as processDatabase } from "@/lib/db/client";
import { liveWorkers } from "@/lib/db/queries/heartbeats";
import { deliveryBacklog, robotsWaiting } from "@/lib/db/queries/operations";
import { logError } from "@/lib/log-error";
import { observeAttemptsWith } from "./attempts";

/**
 * The Prometheus metrics of GET /api/metrics (docs/operations.md#metrics). Two kinds:
 * - read from the database at each scrape, the same whichever process is scraped: the unfinished deliveries,
 *   the queue, robots waiting, live workers;
 * - counted by this process since it started: attempt latency (its own worker, through
 *   lib/observability/attempts.ts), ingest answers, and prom-client's process metrics (CPU, memory, event loop).
 */
type Metrics = {
  /** What this process counts. */
  registry: Registry;
  /** What each scrape reads from the database: left out of a scrape that could not read it. */
  fromDatabase: Registry;
  deliveries: Gauge<"status" | "webhook_type">;
  queueDepth: Gauge;
  oldestDue: Gauge;
  robotsWaiting: Gauge;
  workers: Gauge<"kind">;
  databaseUp: Gauge;
  attemptSeconds: Histogram<"webhook_type" | "outcome">;
  ingestRequests: Counter<"outcome" | "status">;
  ingestEvents: Counter;
  /** Label sets of `deliveries` seen so far: set to 0 when they empty, rather than vanishing. */
  backlogSeries: Set<string>;
};

function createMetrics(): Metrics {
  const registry = new Registry();
  const fromDatabase = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const database = [fromDatabase];
  return {
    registry,
    fromDatabase,
    deliveries: new Gauge({
      name: "apphooks_deliveries",
      help: "Unfinished deliveries (pending or sending) by status and webhook type, read from the database at scrape time.",
      labelNames: ["status", "webhook_type"],
      registers: database,
    }),
    queueDepth: new Gauge({
      name: "apphooks_delivery_queue_depth",
      help: "Deliveries due now: pending and due, or sending with an expired lease.",
      registers: database,
    }),
    oldestDue: new Gauge({
      name: "apphooks_delivery_oldest_due_age_seconds",
      help: "How long the oldest due delivery has been waiting to be claimed (0 when none is due).",
      registers: database,
    }),
    robotsWaiting: new Gauge({
      name: "apphooks_robot_windows_waiting",
      help: "Chat robots that may not be sent to right now: rate window full, or a pause their service asked for.",
      registers: database,
    }),
    workers: new Gauge({
      name: "apphooks_delivery_workers",
      help: "Delivery workers whose heartbeat is fresh, by kind (server: inside a web server; standalone: npm run worker).",
      labelNames: ["kind"],
      registers: database,
    }),
    databaseUp: new Gauge({
      name: "apphooks_metrics_database_up",
      help: "1 when this scrape could read the database; 0 when it could not (the database metrics are then absent).",
      registers,
    }),
    attemptSeconds: new Histogram({
      name: "apphooks_delivery_attempt_duration_seconds",
      help: "Duration of delivery attempts made by this process's worker, by webhook type and outcome (succeeded, retry, failed).",
      labelNames: ["webhook_type", "outcome"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
      registers,
    }),
    ingestRequests: new Counter({
      name: "apphooks_ingest_requests_total",
      help: "Requests to the ingest API answered by this process, by outcome (accepted, refused) and HTTP status.",
      labelNames: ["outcome", "status"],
      registers,
    }),
    ingestEvents: new Counter({
      name: "apphooks_ingest_events_accepted_total",
      help: "Events accepted by the ingest API in this process (a batch counts its events).",
      registers,
    }),
    backlogSeries: new Set(),
  };
}

// On globalThis: the worker (started by instrumentation.ts) and the routes are bundled apart, and must count
// into the same metrics.
const holder = globalThis as typeof globalThis & { __apphooksMetrics?: Metrics };

function metrics(): Metrics {
  if (!holder.__apphooksMetrics) {
    const created = createMetrics();
    holder.__apphooksMetrics = created;
    observeAttemptsWith((webhookType, outcome, seconds) =>
      created.attemptSeconds.observe({ webhook_type: webhookType, outcome }, seconds),
    );
  }
  return holder.__apphooksMetrics;
}

/**
 * Starts keeping this process's metrics now (the web server, at start-up), so that the attempt histogram counts
 * from the first attempt; otherwise they start with the first ingest answer or scrape.
 */
export function startMetrics(): void {
  metrics();
}

/** Counts one answer of the ingest API (`events` accepted with it: 1, a batch's size, or 0 when refused). */
export function countIngest(status: number, events: number): void {
  const m = metrics();
  const accepted = status >= 200 && status < 300;
  m.ingestRequests.inc({ outcome: accepted ? "accepted" : "refused", status: String(status) });
  if (accepted && events > 0) m.ingestEvents.inc(events);
}

/** How long a scrape waits for the database before reporting it down. */
const DATABASE_TIMEOUT_MS = 5000;

/** Reads the database metrics; false when it could not (apphooks_metrics_database_up is then 0). */
async function refreshFromDatabase(m: Metrics, open: () => Promise<Database>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the database did not answer in time")), DATABASE_TIMEOUT_MS);
  });
  try {
    const [backlog, waiting, workers] = await Promise.race([
      open().then((database) =>
        Promise.all([deliveryBacklog(database), robotsWaiting(database), liveWorkers(database.db)]),
      ),
      timeout,
    ]);
    for (const key of m.backlogSeries) m.deliveries.set(JSON.parse(key), 0);
    let due = 0;
    let oldest = 0;
    for (const row of backlog) {
      const labels = { status: row.status, webhook_type: row.webhook_type };
      m.backlogSeries.add(JSON.stringify(labels));
      m.deliveries.set(labels, row.deliveries);
      due += row.due;
      oldest = Math.max(oldest, row.oldest_due_seconds ?? 0);
    }
    m.queueDepth.set(due);
    m.oldestDue.set(oldest);
    m.robotsWaiting.set(waiting);
    for (const kind of ["server", "standalone"] as const) {
      m.workers.set({ kind }, workers.filter((worker) => worker.kind === kind).length);
    }
    m.databaseUp.set(1);
    return true;
  } catch (error) {
    logError("metrics", error);
    m.databaseUp.set(0);
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** The metrics in Prometheus's text format, with the database's read now. */
export async function renderMetrics(
  open: () => Promise<Database> = processDatabase,
): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const read = await refreshFromDatabase(m, open);
  const body = (await m.registry.metrics()) + (read ? await m.fromDatabase.metrics() : "");
  return { contentType: m.registry.contentType, body };
}
