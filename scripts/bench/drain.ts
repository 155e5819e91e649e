/**
 * The drain step (issue 10): a backlog queued while no worker runs, then a worker drains it to the healthy
 * receiver while a dashboard page is timed. `queueBacklog` copies one real event per app (ingested through the
 * product's ingestEvent, so facts and delivery targets are the product's) into `count` deliveries with
 * generate_series: 100,000 rows in seconds.
 *
 * Run directly (`npx tsx scripts/bench/drain.ts [--rows N] [--direct]`) for a worker in this process: the
 * deliveries/s and the CPU ms per delivery of the engine alone (with `node --cpu-prof` for a profile).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import type { ReceiverHandle } from "./processes";
import type { SeededApp } from "./seed";
import { now, type Summary, sleep, summarize } from "./stats";

/**
 * Queues `count` deliveries (about count / webhooks-per-app events) for `apps`, due now, in a few statements.
 * Returns how many deliveries were queued.
 */
export async function queueBacklog(database: Database, apps: SeededApp[], count: number): Promise<number> {
  const { ingestEvent } = await import("@/lib/ingest/ingest-event");
  const teams = new Map(
    (
      (await database.db.execute(sql`select app_key, team_id from apps`)) as unknown as Array<{
        app_key: string;
        team_id: string;
      }>
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
  const [row] = (await database.db.execute(sql`
    select count(*)::int as n from deliveries where status = 'pending'`)) as unknown as Array<{ n: number }>;
  return (row as { n: number } | undefined)?.n ?? count;
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

/**
 * Waits until `rows` deliveries arrived at the receiver (counting from `before`) while `page()` is timed one
 * request after another; returns the rate from `startedAt` to the last arrival.
 */
export async function measureDrain(options: {
  receiver: ReceiverHandle;
  rows: number;
  arrived: () => number;
  startedAt: number;
  timeoutMs: number;
  page?: () => Promise<number>;
  workerPid?: number;
}): Promise<DrainResult> {
  const { rows, startedAt } = options;
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
  let lastAt = startedAt;
  let seen = 0;
  const deadline = startedAt + options.timeoutMs;
  while (now() < deadline) {
    await options.receiver.counts();
    const got = options.arrived();
    if (got > seen) {
      seen = got;
      lastAt = now();
    }
    if (got >= rows) break;
    await sleep(50);
  }
  done = true;
  await timing;
  const cpuAfter = options.workerPid ? cpuMsOf(options.workerPid) : null;
  const seconds = (lastAt - startedAt) / 1000;
  return {
    rows,
    seconds,
    deliveriesPerSecond: seen / seconds,
    missing: rows - seen,
    page: pageTimes.length > 0 ? summarize(pageTimes) : null,
    workerCpuMsPerDelivery:
      cpuBefore !== null && cpuAfter !== null && seen > 0 ? (cpuAfter - cpuBefore) / seen : null,
  };
}

/** Starts `npm run worker` (tsx scripts/worker.ts) with `env`; returns its pid and a stop function. */
export function startWorkerProcess(env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
  const root = path.resolve(import.meta.dirname, "../..");
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [...nodeArgs, tsx, "scripts/worker.ts"], {
    cwd: root,
    env: { ...env, NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  delete process.env.DATABASE_URL;
  Object.assign(process.env, database.env, {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    SEED_DEMO: "false",
  });
  const receiver = await startReceiver([{ name: "ok", mode: "ok" }]);
  let arrived = 0;
  receiver.onArrivals((batch) => {
    arrived += batch.length;
  });
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
    const startedAt = now();
    const worker = startWorker({ database: handle });
    const result = await measureDrain({
      receiver,
      rows: queued,
      arrived: () => arrived,
      startedAt,
      timeoutMs: 600_000,
    });
    const cpu = process.cpuUsage(cpu0);
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
