/**
 * `npm run test:faults`: at-least-once delivery under real faults, against a throwaway Postgres cluster this
 * script starts (and removes), a production server (`next start` + its worker) and real receiver processes.
 *
 * 1. kill-server:      SIGKILL the server in the middle of a burst of 2,000 events × 3 webhooks, restart it.
 *    kill-server-pglite: the same on the embedded PGlite database (its data folder survives the kill).
 * 2. restart-postgres: restart Postgres in the middle of a burst; ingest answers 503 (JSON, no stack) while it
 *                      is down and recovers by itself.
 * 3. flaky-receivers:  two receivers fail 30 % of requests at random, one is down for the first minute
 *                      (FAULTS_DOWN_SECONDS), with a shortened DELIVERY_RETRY_SCHEDULE.
 * Each prints `lost=0 duplicated=N delivered=M`; the script exits 1 if an acknowledged (event, webhook) pair
 * never arrived, or if a scenario's other promise (503 while the database is down) was broken.
 */
import { parseArgs } from "node:util";
import { type BenchDatabase, createBenchDatabase } from "../bench/database";
import { ingestPool, produceUntilAcked, type Sent } from "../bench/load";
import {
  type Arrival,
  ensureProductionBuild,
  type ReceiverServer,
  type ServerHandle,
  sparePort,
  startReceiver,
  startServer,
  stopStartedServers,
} from "../bench/processes";
import { freshEnvironment, openSeedDatabase, seedApps, seedTeam } from "../bench/seed";
import { sleep } from "../bench/stats";
import { exitCleanups } from "../cleanups";
import { type Cluster, createCluster } from "./cluster";

const { values: flags } = parseArgs({
  options: {
    only: { type: "string" },
    events: { type: "string" },
    "down-seconds": { type: "string" },
  },
});
const EVENTS = Number(flags.events ?? process.env.FAULTS_EVENTS ?? 2000);
const DOWN_MS = Number(flags["down-seconds"] ?? process.env.FAULTS_DOWN_SECONDS ?? 60) * 1000;
const APPS = 10;
const CONCURRENCY = 16;

const log = (message: string) => console.error(`[faults] ${message}`);

const cleanups = exitCleanups(log);

type Outcome = { name: string; lost: number; duplicated: number; delivered: number; problems: string[] };

type Scenario = {
  name: string;
  receivers: ReceiverServer[];
  /** The three webhook URLs of app i, given the receiver's URL builder. */
  urls: (url: (server: string, route: string) => string, i: number) => string[];
  env: Record<string, string>;
  events: number;
  /** Runs while the producer sends; `acked()` is how many events got a 2xx so far. */
  fault?: (context: FaultContext) => Promise<void>;
  /** Checks on what the producer saw (e.g. 503 while the database was down). */
  check?: (sent: Sent[]) => string[];
  settleTimeoutMs: number;
  /** The embedded PGlite database in a fresh folder instead of the throwaway Postgres cluster. */
  pglite?: boolean;
};

type FaultContext = {
  acked: () => number;
  server: () => ServerHandle;
  restartServer: () => Promise<void>;
  cluster: Cluster;
};

/** Only what surely did not get stored is sent again: a refused connection, a 503. */
const surelyNotStored = (sent: Sent) =>
  (sent.status === 0 && sent.error === "ECONNREFUSED") || sent.status === 503;

async function runScenario(
  cluster: Cluster,
  scenario: Scenario,
  secrets: Record<string, string>,
): Promise<Outcome> {
  const started = Date.now();
  log(`— ${scenario.name} —`);
  // What this scenario started, stopped at its end, or by the signal handler if it is interrupted.
  const steps: Array<() => Promise<void>> = [];
  const local = (step: () => Promise<void>) => steps.push(step);
  const stopAll = async () => {
    for (const step of steps.splice(0).reverse())
      await step().catch((error) => log(`cleanup: ${String(error)}`));
  };
  cleanups.add(stopAll);
  const problems: string[] = [];
  try {
    const database: BenchDatabase = await createBenchDatabase(
      scenario.pglite ? undefined : cluster.url,
      "apphooks_faults",
    );
    local(() => database.cleanup());
    const receiver = await startReceiver(
      scenario.receivers.map((server) => ({ ...server, parseBody: true })),
    );
    local(() => receiver.stop());
    const arrivals: Arrival[] = [];
    receiver.onArrivals((batch) => arrivals.push(...batch));

    const handle = await openSeedDatabase(database.env);
    const team = await seedTeam(`faults-${scenario.name}`);
    const apps = await seedApps(team, APPS, scenario.name, (i) => scenario.urls(receiver.url, i));
    await handle.close();

    const port = await sparePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...secrets,
      ...database.env,
      NODE_ENV: "production",
      AUTH_URL: `http://127.0.0.1:${port}`,
      AUTH_TRUST_HOST: "true",
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      SEED_DEMO: "false",
      INGEST_RATE_PER_MINUTE: "100000000",
      DELIVERY_TOTAL_TIMEOUT_MS: "5000",
      DELIVERY_LEASE_MS: "8000",
      DELIVERY_POLL_MS: "500",
      ...scenario.env,
    };
    const logFile = process.env.FAULTS_SERVER_LOG;
    let server = await startServer({ port, env, logFile });
    local(() => server.stop());
    let pool = ingestPool(server.origin, CONCURRENCY);
    local(() => pool.close());

    let acked = 0;
    receiver.go();
    const faultContext: FaultContext = {
      acked: () => acked,
      server: () => server,
      cluster,
      restartServer: async () => {
        server = await startServer({ port, env, logFile });
        const old = pool;
        pool = ingestPool(server.origin, CONCURRENCY);
        void old.destroy().catch(() => {});
      },
    };
    const producing = produceUntilAcked({
      pool: () => pool,
      apps,
      count: scenario.events,
      concurrency: CONCURRENCY,
      retry: surelyNotStored,
      onAck: () => acked++,
      deadline: Date.now() + 120_000,
    });
    const faulting = scenario.fault?.(faultContext) ?? Promise.resolve();
    const [sent] = await Promise.all([producing, faulting]);
    const ackedIds = new Set(sent.flatMap((s) => (s.eventId ? [s.eventId] : [])));
    const statuses = new Map<string, number>();
    for (const s of sent) {
      const key = s.status === 0 ? `error ${s.error}` : String(s.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    log(
      `producer: ${ackedIds.size} of ${scenario.events} events acknowledged; answers: ${[...statuses]
        .map(([key, n]) => `${key}×${n}`)
        .join(", ")}`,
    );
    problems.push(...(scenario.check?.(sent) ?? []));
    const first = Math.min(...sent.map((s) => s.sentAt));
    const buckets: number[] = [];
    for (const s of sent) {
      if (!s.eventId) continue;
      const bucket = Math.floor((s.sentAt - first) / 5000);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    log(`acknowledged per 5 s: ${Array.from(buckets, (n) => n ?? 0).join(" ")}`);
    const slowest = Math.max(...sent.map((s) => s.ms));
    log(`slowest ingest answer: ${(slowest / 1000).toFixed(1)} s`);

    // Wait until every acknowledged (event, webhook) pair arrived, or the time is up.
    const hooksPerApp = 3;
    const pairs = () => {
      const seen = new Set<string>();
      for (const arrival of arrivals) {
        if (arrival.eventId && ackedIds.has(arrival.eventId)) seen.add(`${arrival.eventId} ${arrival.path}`);
      }
      return seen.size;
    };
    const want = ackedIds.size * hooksPerApp;
    const deadline = Date.now() + scenario.settleTimeoutMs;
    const waitStart = Date.now();
    let reported = waitStart;
    while (Date.now() < deadline) {
      await receiver.counts();
      const got = pairs();
      if (got >= want) break;
      if (Date.now() - reported >= 5000) {
        reported = Date.now();
        log(`waiting ${((reported - waitStart) / 1000).toFixed(0)} s: ${got}/${want} delivered`);
      }
      await sleep(250);
    }
    log(`producer done ${((Date.now() - waitStart) / 1000).toFixed(1)} s before the last delivery arrived`);
    await sleep(500); // late duplicates
    await receiver.counts();

    const firstByPair = new Map<string, number>();
    let duplicated = 0;
    for (const arrival of arrivals) {
      if (arrival.eventId !== arrival.webhookId) {
        problems.push(
          `an arrival's webhook-id ${arrival.webhookId} differs from its event ${arrival.eventId}`,
        );
      }
      const key = `${arrival.eventId} ${arrival.path}`;
      const count = firstByPair.get(key) ?? 0;
      if (count > 0) duplicated++;
      firstByPair.set(key, count + 1);
    }
    let delivered = 0;
    let lost = 0;
    const missing: string[] = [];
    for (const id of ackedIds) {
      const app = sent.find((s) => s.eventId === id)?.app;
      for (const hook of app?.webhooks ?? []) {
        const route = new URL(hook.url).pathname;
        if (firstByPair.has(`${id} ${route}`)) delivered++;
        else {
          lost++;
          if (missing.length < 5) missing.push(`${id} → ${route}`);
        }
      }
    }
    if (missing.length > 0) problems.push(`never arrived (first ${missing.length}): ${missing.join(", ")}`);
    const { rejected } = await receiver.counts();
    log(
      `${scenario.name}: ${((Date.now() - started) / 1000).toFixed(0)} s; ${arrivals.length} arrivals, ${rejected} refused by flaky receivers`,
    );
    return { name: scenario.name, lost, duplicated, delivered, problems };
  } finally {
    await stopAll();
  }
}

/** Retry delays that outlast a receiver down for `downMs` (with −20 % jitter), with attempts to spare. */
function scheduleOutlasting(downMs: number): string {
  const delays = [0, 200, 500, 1000, 2000, 4000];
  let total = delays.reduce((sum, delay) => sum + delay, 0);
  while (total * 0.8 < downMs + 15_000) {
    delays.push(8000);
    total += 8000;
  }
  delays.push(8000, 8000, 8000, 8000);
  return delays.map((delay) => `${delay}ms`).join(",");
}

function isStackFree503(sent: Sent): boolean {
  const body = sent.body ?? "";
  let code: unknown;
  try {
    code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
  } catch {
    return false;
  }
  return code === "unavailable" && !/\n\s+at /.test(body) && !body.includes(".ts:") && !body.includes(".js:");
}

/** SIGKILL the server in the middle of a burst, restart it: on the Postgres cluster, or on PGlite. */
const killServer = (pglite: boolean): Scenario => ({
  name: pglite ? "kill-server-pglite" : "kill-server",
  pglite,
  receivers: [{ name: "ok", mode: "ok" }],
  urls: (url, i) => [0, 1, 2].map((n) => url("ok", `/kill${pglite ? "-pglite" : ""}/${i}/${n}`)),
  env: { DELIVERY_RETRY_SCHEDULE: "0,500ms,1s,2s,4s,8s,8s,8s" },
  events: EVENTS,
  settleTimeoutMs: 90_000,
  fault: async ({ acked, server, restartServer }) => {
    while (acked() < EVENTS * 0.3) await sleep(5);
    log(`SIGKILL the server (pid ${server().pid}) after ${acked()} acknowledged events`);
    await server().kill();
    await sleep(1000);
    await restartServer();
    log(`server restarted (pid ${server().pid})`);
  },
  check: (sent) =>
    sent.some((s) => s.status >= 500 && s.status !== 503)
      ? [`answers 5xx other than 503: ${sent.filter((s) => s.status >= 500 && s.status !== 503).length}`]
      : [],
});

const scenarios: Scenario[] = [
  killServer(false),
  killServer(true),
  {
    name: "restart-postgres",
    receivers: [{ name: "ok", mode: "ok" }],
    urls: (url, i) => [0, 1, 2].map((n) => url("ok", `/pg/${i}/${n}`)),
    env: { DELIVERY_RETRY_SCHEDULE: "0,500ms,1s,2s,4s,8s,8s,8s" },
    events: EVENTS,
    settleTimeoutMs: 90_000,
    fault: async ({ acked, cluster }) => {
      while (acked() < EVENTS * 0.3) await sleep(5);
      log(`stopping Postgres after ${acked()} acknowledged events`);
      cluster.stop("fast");
      await sleep(3000);
      cluster.start();
      log("Postgres started again");
    },
    check: (sent) => {
      const problems: string[] = [];
      const failed = sent.filter((s) => s.status !== 0 && (s.status < 200 || s.status >= 300));
      const not503 = failed.filter((s) => s.status !== 503);
      if (not503.length > 0) {
        problems.push(
          `while Postgres was down ingest answered ${not503.length} × non-503, e.g. ${not503[0]?.status} ${not503[0]?.body?.slice(0, 300)}`,
        );
      }
      const bad503 = failed.filter((s) => s.status === 503 && !isStackFree503(s));
      if (bad503.length > 0)
        problems.push(`503 bodies that are not a clean JSON error: ${bad503[0]?.body?.slice(0, 300)}`);
      if (failed.length === 0)
        problems.push("no 503 was seen: the restart did not hit ingest (check the timing)");
      const lastFailure = Math.max(...failed.map((s) => s.sentAt), 0);
      if (!sent.some((s) => s.eventId && s.sentAt > lastFailure))
        problems.push("ingest did not recover after the restart");
      return problems;
    },
  },
  {
    name: "flaky-receivers",
    receivers: [
      { name: "flaky-a", mode: "flaky", failRate: 0.3 },
      { name: "flaky-b", mode: "flaky", failRate: 0.3 },
      { name: "down", mode: "down", downMs: DOWN_MS },
    ],
    urls: (url, i) => [url("flaky-a", `/a/${i}`), url("flaky-b", `/b/${i}`), url("down", `/down/${i}`)],
    env: { DELIVERY_RETRY_SCHEDULE: scheduleOutlasting(DOWN_MS) },
    events: Math.min(EVENTS, 1000),
    settleTimeoutMs: DOWN_MS * 1.5 + 90_000,
  },
];

async function main(): Promise<number> {
  const started = Date.now();
  await ensureProductionBuild(log);
  // The seeding in this process encrypts secrets with the server's key.
  const secrets = freshEnvironment();
  for (const server of scenarios.flatMap((s) => s.receivers)) {
    if (server.mode === "down") server.port = await sparePort();
  }

  const cluster = createCluster(await sparePort(), log, { max_connections: "100", fsync: "on" });
  cleanups.add(() => cluster.destroy());
  cleanups.add(() => stopStartedServers());
  log(`Postgres cluster on 127.0.0.1:${cluster.port} in ${cluster.dir}`);

  const chosen = flags.only ? scenarios.filter((s) => flags.only?.split(",").includes(s.name)) : scenarios;
  const outcomes: Outcome[] = [];
  for (const scenario of chosen) outcomes.push(await runScenario(cluster, scenario, secrets));
  await cleanups.run();

  let failed = false;
  for (const outcome of outcomes) {
    console.log(
      `${outcome.name}: lost=${outcome.lost} duplicated=${outcome.duplicated} delivered=${outcome.delivered}`,
    );
    for (const problem of outcome.problems) console.log(`  ✗ ${problem}`);
    if (outcome.lost > 0 || outcome.problems.length > 0) failed = true;
  }
  console.log(`${failed ? "FAILED" : "passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return failed ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch(async (error) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanups.run();
    process.exit(1);
  });
