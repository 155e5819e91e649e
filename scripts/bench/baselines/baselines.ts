/**
 * Baselines measured in the same run as AppHooks, against the same receiver, the same Postgres server and
 * the same load driver: (a) node:http + Promise.all fan-out in the request (not durable) and (b) node:http +
 * pg-boss (event row + one job per webhook in one transaction, workers in the same process), each a separate
 * Node process (fanout-server.mjs, pgboss-server.mjs) so that its CPU is its own. Each gets the single-event
 * step (32 in flight, CPU per event) and a paced step at half of the rate it delivered there.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Pool } from "undici";
import { databaseOf } from "../cpu";
import { createBenchDatabase } from "../database";
import { closedLoop, ingestPool } from "../load";
import type { ReceiverHandle } from "../processes";
import type { Step } from "../report";
import type { SeededApp } from "../seed";
import { type SingleEvent, singleEventStep, type Tracker } from "../single-event";

export type Baseline = {
  name: string;
  /** What it is, for the table. */
  label: string;
  durable: boolean;
  single: SingleEvent;
  /** Paced at half of min(events/s, deliveries/s ÷ 3) of the single-event step. */
  half: Step;
};

export type BaselineOptions = {
  adminUrl: string;
  receiver: ReceiverHandle;
  apps: number;
  concurrency: number;
  durationMs: number;
  warmMs: number;
  tracker: Tracker;
  /** run.ts's paced step (the same as AppHooks's fan-out steps) against another server's pool. */
  paced(label: string, pool: Pool, apps: SeededApp[], eventsPerSecond: number): Promise<Step>;
  /** Registers a cleanup for an interrupted run (the database this creates). */
  onCleanup(step: () => Promise<void>): void;
  log(message: string): void;
};

const kinds = [
  { name: "promise-all", label: "node:http + Promise.all fan-out (not durable)", durable: false },
  { name: "pg-boss", label: "node:http + pg-boss 12 (event + 3 jobs in one transaction)", durable: true },
] as const;

export async function runBaselines(options: BaselineOptions): Promise<Baseline[]> {
  const results: Baseline[] = [];
  for (const kind of kinds) results.push(await runOne(kind, options));
  return results;
}

async function runOne(kind: (typeof kinds)[number], options: BaselineOptions): Promise<Baseline> {
  const { receiver, tracker, log } = options;
  const secret = randomBytes(24).toString("base64");
  const key = `baseline_${randomBytes(12).toString("hex")}`;
  const apps: SeededApp[] = Array.from({ length: options.apps }, (_, i) => ({
    appKey: `${kind.name}-${i}`,
    key,
    webhooks: [0, 1, 2].map((n) => ({
      id: `${kind.name}-${i}-${n}`,
      url: receiver.url("ok", `/baseline/${kind.name}/${i}/${n}`),
    })),
  }));
  const database = kind.durable ? await createBenchDatabase(options.adminUrl, "apphooks_bench_pgboss") : null;
  if (database) options.onCleanup(() => database.cleanup());
  const config = {
    apps: Object.fromEntries(apps.map((app) => [app.appKey, app.webhooks.map((hook) => hook.url)])),
    key,
    secret,
    databaseUrl: database?.env.DATABASE_URL,
  };
  log(`baseline ${kind.name}: starting…`);
  const { child, port } = await startBaseline(
    `${kind.name === "pg-boss" ? "pgboss" : "fanout"}-server.mjs`,
    config,
  );
  const pool = ingestPool(`http://127.0.0.1:${port}`, 128);
  try {
    let round = 0;
    const warm = await closedLoop({
      pool,
      concurrency: options.concurrency,
      durationMs: options.warmMs,
      pick: () => apps[round++ % apps.length] as SeededApp,
      onSent: tracker.track(`${kind.name} warm-up`),
    });
    await tracker.drain(warm);
    const single = await singleEventStep({
      label: kind.name,
      pool,
      apps,
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      cpu: {
        server: { kind: "tree", pid: child.pid ?? 0 },
        // The fan-out baseline uses no database: only Postgres's background processes are counted.
        postgres: { databases: config.databaseUrl ? [databaseOf(config.databaseUrl)] : [] },
        receiverPid: receiver.pid,
      },
      tracker,
    });
    log(
      `baseline ${kind.name}: ${single.eventsPerSecond.toFixed(0)} events/s, ${single.deliveriesPerSecond.toFixed(0)} deliveries/s, ` +
        `${single.cpu.perEventMs.toFixed(2)} ms CPU per event`,
    );
    const max = Math.min(single.eventsPerSecond, single.deliveriesPerSecond / 3);
    const half = await options.paced(`${kind.name} at half`, pool, apps, Math.max(1, Math.round(max / 2)));
    return { name: kind.name, label: kind.label, durable: kind.durable, single, half };
  } finally {
    await pool.close();
    await stopBaseline(child);
    await database?.cleanup();
  }
}

async function startBaseline(file: string, config: object): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(process.cwd(), "scripts/bench/baselines", file), [JSON.stringify(config)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`baseline ${file} exited during start-up (code ${code})`)));
    child.on("message", (message: { type?: string; port?: number }) => {
      if (message.type === "ready" && message.port) resolve(message.port);
    });
  });
  child.removeAllListeners("exit");
  return { child, port };
}

async function stopBaseline(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (child.connected) child.send({ type: "stop" });
  else child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
