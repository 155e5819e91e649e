/**
 * The drain step (issue 10): a backlog queued while no worker runs, then a worker drains it to the healthy
 * receiver while a dashboard page is timed. `queueBacklog` copies one real event per app (ingested through the
 * product's ingestEvent, so facts and delivery targets are the product's) into `count` deliveries with
 * generate_series: 100,000 rows in seconds.
 *
 * Run directly (`npx tsx --conditions=react-server scripts/bench/drain.ts [--rows N] [--direct]`) for a worker in this process: the
 * deliveries/s and the CPU ms per delivery of the engine alone (with `node --cpu-prof` for a profile).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { HEAP_NODE_ARGS, SERVER_NODE_ARGS } from "../server-node";
import type { ReceiverHandle } from "./processes";
import { freshEnvironment, type SeededApp } from "./seed";
import { now, type Summary, sleep, summarize } from "./stats";

/**
 * Queues `count` deliveries (about count / webhooks-per-app events) for `apps`, due now, in a few statements.
 * Returns how many deliveries of `apps` are pending now.
 */
export async function queueBacklog(database: Database, apps: SeededApp[], count: number): Promise<number> {
  const { ingestEvent } = await import("@/lib/ingest/ingest-event");
  const teams = new Map(
    rowsOf<{ app_key: string; team_id: string }>(
      await database.db.execute(sql`select app_key, team_id from apps`),
    ).map((row) => [row.app_key, row.team_id]),
  );
  const templates: string[] = [];
  for (const app of apps) {
    const body = {
      type: "feedback",
      content: "Drain bench: the upload button does nothing.",
      version: "2.4",
    };
    templates.push((await ingestEvent(teams.get(app.appKey) ?? "", app.appKey, body)).id);
  }
  const perEvent = apps[0]?.webhooks.length ?? 1;
  const events = Math.ceil((count - templates.length * perEvent) / perEvent);
  const per = Math.ceil(events / templates.length);
  const ids = sql.join(
    templates.map((id) => sql`${id}`),
    sql`, `,
  );
  // Copies of each template event, then its deliveries' rows for every copy (at most `count` in all).
  await database.db.execute(sql`
    insert into events (id, team_id, app_id, type, facts)
    select 'evt_drain_' || e.id || '_' || n, e.team_id, e.app_id, e.type, e.facts
    from events e cross join generate_series(1, ${per}::int) n
    where e.id in (${ids})`);
  await database.db.execute(sql`
    insert into deliveries (event_id, webhook_id, app_id, target)
    select 'evt_drain_' || d.event_id || '_' || n, d.webhook_id, d.app_id, d.target
    from deliveries d cross join generate_series(1, ${per}::int) n
    where d.event_id in (${ids})
    order by n
    limit ${count - templates.length * perEvent}::int`);
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(sql`
      select count(*)::int as n from deliveries d join apps a on a.id = d.app_id
      where d.status = 'pending' and a.app_key in (${sql.join(
        apps.map((app) => sql`${app.appKey}`),
        sql`, `,
      )})`),
  );
  return row?.n ?? count;
}

/** How fast a worker emptied the backlog, and how the page answered meanwhile. */
export type DrainResult = {
  rows: number;
  seconds: number;
  deliveriesPerSecond: number;
  /** Deliveries that did not arrive before the timeout. */
  missing: number;
  /** The page timed while the worker drained (null when no page was timed). */
  page: Summary | null;
  /** CPU (user + system) of the worker process while it drained, per delivery; null when not measured. */
  workerCpuMsPerDelivery: number | null;
};

/** User + system CPU of a process so far, in ms (Linux /proc). */
export function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Distinct deliveries seen at the receiver so far, and when the first and the latest arrived (ms). */
export type Arrived = { count: number; first: number; last: number };

/** Counts distinct arrivals (event id + path) whose path starts with `prefix`. */
export function arrivalCounter(receiver: ReceiverHandle, prefix: string): () => Arrived {
  const seen = new Set<string>();
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  receiver.onArrivals((batch) => {
    for (const arrival of batch) {
      if (!arrival.path.startsWith(prefix)) continue;
      seen.add(`${arrival.webhookId} ${arrival.path}`);
      first = Math.min(first, arrival.at);
      last = Math.max(last, arrival.at);
    }
  });
  return () => ({ count: seen.size, first, last });
}

/**
 * Waits until `rows` deliveries arrived while `page()` is timed one request after another (50 ms apart).
 * The rate runs from the first arrival to the last; the CPU per delivery counts the deliveries that arrived
 * while it was measured.
 */
export async function measureDrain(options: {
  receiver: ReceiverHandle;
  rows: number;
  arrived: () => Arrived;
  timeoutMs: number;
  page?: () => Promise<number>;
  /** The process that drains, for its CPU time. */
  workerPid?: number;
}): Promise<DrainResult> {
  const { rows } = options;
  await options.receiver.counts();
  const before = options.arrived().count;
  const cpuBefore = options.workerPid ? cpuMsOf(options.workerPid) : null;
  let done = false;
  const pageTimes: number[] = [];
  const timing = (async () => {
    if (!options.page) return;
    while (!done) {
      pageTimes.push(await options.page());
      await sleep(50);
    }
  })();
  const deadline = now() + options.timeoutMs;
  let arrived = options.arrived();
  while (arrived.count < rows && now() < deadline) {
    await sleep(50);
    await options.receiver.counts();
    arrived = options.arrived();
  }
  const cpuAfter = options.workerPid ? cpuMsOf(options.workerPid) : null;
  done = true;
  await timing;
  const seconds = Math.max(0.001, (arrived.last - arrived.first) / 1000);
  const measured = arrived.count - before;
  return {
    rows,
    seconds,
    deliveriesPerSecond: arrived.count / seconds,
    missing: rows - arrived.count,
    page: pageTimes.length > 0 ? summarize(pageTimes) : null,
    workerCpuMsPerDelivery:
      cpuBefore !== null && cpuAfter !== null && measured > 0 ? (cpuAfter - cpuBefore) / measured : null,
  };
}

/**
 * Starts the standalone worker (`npm run worker`, i.e. scripts/worker.ts under tsx) as `node … --import tsx`,
 * so that its pid is the worker's own (for its CPU time).
 */
export function startWorkerProcess(env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(
    process.execPath,
    [...nodeArgs, ...HEAP_NODE_ARGS, ...SERVER_NODE_ARGS, "scripts/worker.ts"],
    {
      cwd: root,
      env: { ...env, NODE_OPTIONS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    pid: child.pid ?? 0,
    output: () => output,
    /** Resolves once the worker said it started. */
    ready: async () => {
      const deadline = Date.now() + 60_000;
      while (!output.includes("delivery worker")) {
        if (child.exitCode !== null) throw new Error(`the worker exited:\n${output}`);
        if (Date.now() > deadline) throw new Error(`the worker did not start:\n${output}`);
        await sleep(100);
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** The bench's drain step: what run.ts reports. */
export type DrainStep = DrainResult & {
  apps: number;
  /** Who drained: a separate worker process (Postgres) or the server's in-process worker (PGlite). */
  drainer: "worker process" | "server in-process worker";
  queueSeconds: number;
};

/**
 * The drain step of `npm run bench`, run while the bench's server is stopped: seeds `apps` apps × 3 webhooks
 * to the receiver's healthy server, queues `rows` deliveries with no worker running, then drains them and
 * times the first drain app's Webhook settings page meanwhile. On Postgres the server runs with
 * DELIVERY_WORKER=off and a separate `npm run worker` process drains (its CPU is measured); on PGlite (one
 * process per database) the server is started after queuing and its in-process worker drains.
 */
export async function drainStep(options: {
  rows: number;
  apps: number;
  kind: "postgres" | "pglite";
  databaseEnv: { DATABASE_URL?: string; PGLITE_DIR?: string };
  team: { email: string; userId: string; teamId: string; key: string };
  receiver: ReceiverHandle;
  port: number;
  serverEnv: NodeJS.ProcessEnv;
  timeoutMs: number;
  log: (message: string) => void;
}): Promise<DrainStep> {
  const { openSeedDatabase, seedApps, PASSWORD } = await import("./seed");
  const { startServer } = await import("./processes");
  const { signIn, timePage } = await import("./session");
  const { log, receiver } = options;
  const arrived = arrivalCounter(receiver, "/drain/");
  log(`drain: seeding ${options.apps} apps × 3 webhooks…`);
  const handle = await openSeedDatabase(options.databaseEnv);
  let queued: number;
  let queueSeconds: number;
  let pagePath: string;
  try {
    const apps = await seedApps(options.team, options.apps, "Drain app", (i) =>
      [0, 1, 2].map((n) => receiver.url("ok", `/drain/${i}/${n}`)),
    );
    pagePath = `/apps/${apps[0]?.appKey}/settings/webhooks`;
    const queueStart = now();
    queued = await queueBacklog(handle, apps, options.rows);
    queueSeconds = (now() - queueStart) / 1000;
    log(`drain: queued ${queued} deliveries in ${queueSeconds.toFixed(1)} s (no worker running)`);
  } finally {
    await handle.close();
  }
  const separate = options.kind === "postgres";
  const server = await startServer({
    port: options.port,
    env: { ...options.serverEnv, ...(separate ? { DELIVERY_WORKER: "off" } : {}) },
  });
  const worker = separate ? startWorkerProcess(options.serverEnv) : null;
  try {
    const cookie = await signIn(server.origin, options.team.email, PASSWORD);
    if (worker) {
      await timePage(server.origin, pagePath, cookie, 5); // warm-up, before the drain starts
      await worker.ready();
    }
    log(`drain: draining with the ${separate ? "worker process" : "server's in-process worker"}…`);
    const result = await measureDrain({
      receiver,
      rows: queued,
      arrived,
      timeoutMs: options.timeoutMs,
      page: async () => (await timePage(server.origin, pagePath, cookie, 1, 0)).p50,
      workerPid: worker?.pid ?? server.pid,
    });
    log(
      `drain: ${result.deliveriesPerSecond.toFixed(0)} deliveries/s (${queued - result.missing}/${queued} in ` +
        `${result.seconds.toFixed(1)} s), page p50 ${result.page?.p50.toFixed(0)} p95 ${result.page?.p95.toFixed(0)} ms`,
    );
    return {
      ...result,
      apps: options.apps,
      drainer: separate ? "worker process" : "server in-process worker",
      queueSeconds,
    };
  } finally {
    await worker?.stop();
    await server.stop();
  }
}

/** In-process: queue a backlog, drain it with startWorker in this process, print rate and CPU per delivery. */
async function direct(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: "string", default: "20000" }, apps: { type: "string", default: "100" } },
  });
  const rows = Number(values.rows);
  const { createBenchDatabase } = await import("./database");
  const { startReceiver } = await import("./processes");
  const { openSeedDatabase, seedBulkApps } = await import("./seed");
  const database = await createBenchDatabase(process.env.DATABASE_URL, "apphooks_bench_drain");
  freshEnvironment(database.env);
  const receiver = await startReceiver([{ name: "ok", mode: "ok" }]);
  const arrived = arrivalCounter(receiver, "/drain/");
  const handle = await openSeedDatabase(database.env);
  try {
    const apps = await seedBulkApps(handle, Number(values.apps), 100, (i) =>
      [0, 1, 2].map((n) => receiver.url("ok", `/drain/${i}/${n}`)),
    );
    const queueStart = now();
    const queued = await queueBacklog(handle, apps, rows);
    console.log(`queued ${queued} deliveries in ${((now() - queueStart) / 1000).toFixed(1)} s`);
    const { startWorker } = await import("@/lib/delivery/worker");
    const cpu0 = process.cpuUsage();
    const worker = startWorker({ database: handle });
    const result = await measureDrain({ receiver, rows: queued, arrived, timeoutMs: 600_000 });
    const cpu = process.cpuUsage(cpu0);
    // Idle: nothing due any more; the worker polls (and LISTENs) only.
    await sleep(2000);
    const idle0 = process.cpuUsage();
    await sleep(10_000);
    const idle = process.cpuUsage(idle0);
    console.log(`idle worker: ${((idle.user + idle.system) / 1000 / 10).toFixed(2)} ms CPU a second`);
    await worker.stop();
    console.log(
      `${database.kind}: drained ${queued - result.missing}/${queued} in ${result.seconds.toFixed(1)} s: ` +
        `${result.deliveriesPerSecond.toFixed(0)} deliveries/s, worker process CPU ` +
        `${((cpu.user + cpu.system) / 1000 / Math.max(1, queued - result.missing)).toFixed(3)} ms per delivery`,
    );
  } finally {
    await handle.close();
    await receiver.stop();
    await database.cleanup();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  direct().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
