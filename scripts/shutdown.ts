/**
 * `npm run test:shutdown` (a step of `npm test`): SIGTERM in the middle of a burst loses nothing and sends
 * nothing twice (docs/operations.md#shutdown). A receiver that answers each delivery after DELIVERY_SLOW_MS keeps
 * sends in flight when the signal comes.
 *
 * 1. next-start:  `next start` with its in-process worker (PGlite, or Postgres when DATABASE_URL is set) gets
 *                 SIGTERM while sends are in flight: /api/ready answers 503 naming `shutdown` while it drains, it
 *                 exits 0, no delivery is left `sending` and its heartbeat is gone; after a restart every
 *                 (event, webhook) pair of the burst has arrived exactly once.
 * 2. worker:      (Postgres only) a web server with DELIVERY_WORKER=off and one `npm run worker`; the worker gets
 *                 SIGTERM mid-burst: it exits 0 leaving nothing `sending`, /api/ready turns 503 naming `worker`,
 *                 and once a new worker runs it is 200 again and every pair has arrived exactly once.
 * Exits 1 with the reasons when a promise is broken.
 */
import { openDatabase } from "@/lib/db/client";
import { type BenchDatabase, createBenchDatabase } from "./bench/database";
import { ingestPool, produceUntilAcked, type Sent } from "./bench/load";
import {
  type Arrival,
  ensureProductionBuild,
  type ReceiverHandle,
  type ServerHandle,
  sparePort,
  startReceiver,
  startServer,
  stopStartedServers,
} from "./bench/processes";
import { freshEnvironment, openSeedDatabase, type SeededApp, seedApps, seedTeam } from "./bench/seed";
import { sleep } from "./bench/stats";
import { startWorkerProcess, type WorkerHandle } from "./bench/worker-process";
import { exitCleanups } from "./cleanups";

const EVENTS = 120;
const APPS = 6;
const HOOKS = 3;
const DELIVERY_SLOW_MS = 2000;
const PRODUCERS = 4;

const log = (message: string) => console.error(`[shutdown] ${message}`);

const cleanups = exitCleanups(log);

/**
 * An SDK sends an event again after a 503 or a connection error (none listening, or cut by the exit). A cut
 * request may have been stored: its copy is then another event, delivered once in its own right.
 */
const retried = (sent: Sent) => sent.status === 0 || sent.status === 503;

/** What the database says after a stop: deliveries still claimed, heartbeats left, deliveries by status. */
async function inspect(database: BenchDatabase) {
  const handle = await openDatabase(
    database.env.DATABASE_URL ? { url: database.env.DATABASE_URL } : { dataDir: database.env.PGLITE_DIR },
  );
  try {
    const statuses = await handle.query<{ status: string; n: number }>(
      "select status::text as status, count(*)::int as n from deliveries group by 1 order by 1",
      [],
    );
    const [beats] = await handle.query<{ n: number }>("select count(*)::int as n from worker_heartbeats", []);
    const byStatus = Object.fromEntries(statuses.map((row) => [row.status, row.n]));
    return { sending: byStatus.sending ?? 0, heartbeats: beats?.n ?? 0, byStatus };
  } finally {
    await handle.close();
  }
}

/** Waits until every acknowledged pair arrived (or `ms` passed); then checks exactly once for all arrivals. */
async function settle(
  receiver: ReceiverHandle,
  arrivals: Arrival[],
  sent: Sent[],
  ms: number,
  problems: string[],
) {
  const acked = sent.filter((s) => s.eventId);
  const want = acked.length * HOOKS;
  const deadline = Date.now() + ms;
  const pairs = new Map<string, number>();
  for (;;) {
    await receiver.counts();
    pairs.clear();
    for (const arrival of arrivals) {
      const key = `${arrival.eventId} ${arrival.path}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    const arrived = acked.filter((s) =>
      s.app.webhooks.every((hook) => pairs.has(`${s.eventId} ${new URL(hook.url).pathname}`)),
    );
    if (arrived.length === acked.length || Date.now() > deadline) break;
    await sleep(200);
  }
  await sleep(DELIVERY_SLOW_MS + 300); // late duplicates
  await receiver.counts();
  pairs.clear();
  for (const arrival of arrivals) {
    const key = `${arrival.eventId} ${arrival.path}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const missing = acked.flatMap((s) =>
    s.app.webhooks
      .map((hook) => `${s.eventId} ${new URL(hook.url).pathname}`)
      .filter((key) => !pairs.has(key)),
  );
  const duplicated = [...pairs].filter(([, n]) => n > 1);
  log(
    `${pairs.size} pairs arrived (${want} acknowledged), ${missing.length} missing, ${duplicated.length} twice or more`,
  );
  if (acked.length < EVENTS) problems.push(`only ${acked.length} of ${EVENTS} events were acknowledged`);
  if (missing.length > 0)
    problems.push(
      `${missing.length} acknowledged pairs never arrived, e.g. ${missing.slice(0, 3).join(", ")}`,
    );
  if (duplicated.length > 0)
    problems.push(`${duplicated.length} pairs arrived more than once, e.g. ${duplicated[0]?.[0]}`);
}

/** Reads /api/ready: its status and the names of its failing checks (null when the server did not answer). */
async function ready(origin: string): Promise<{ status: number; failing: string[] } | null> {
  try {
    const response = await fetch(`${origin}/api/ready`);
    const body = (await response.json()) as { failing?: string[] };
    return { status: response.status, failing: body.failing ?? [] };
  } catch {
    return null; // not listening (any more)
  }
}

/** Resolves once the receiver holds at least `n` unanswered sends (so the signal lands mid-send). */
async function sendsInFlight(receiver: ReceiverHandle, n: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { inFlight } = await receiver.counts();
    if (inFlight >= n || Date.now() > deadline) return inFlight;
    await sleep(20);
  }
}

type Setup = {
  database: BenchDatabase;
  receiver: ReceiverHandle;
  arrivals: Arrival[];
  apps: SeededApp[];
  env: NodeJS.ProcessEnv;
  port: number;
};

async function setUp(
  name: string,
  adminUrl: string | undefined,
  secrets: Record<string, string>,
  extra: Record<string, string>,
): Promise<Setup> {
  const database = await createBenchDatabase(adminUrl, "apphooks_shutdown");
  cleanups.add(() => database.cleanup());
  const receiver = await startReceiver([
    { name: "slow", mode: "slow", delayMs: DELIVERY_SLOW_MS, parseBody: true },
  ]);
  cleanups.add(() => receiver.stop());
  const arrivals: Arrival[] = [];
  receiver.onArrivals((batch) => arrivals.push(...batch));
  const seed = await openSeedDatabase(database.env);
  const team = await seedTeam(`shutdown-${name}`);
  const apps = await seedApps(team, APPS, name, (i) =>
    Array.from({ length: HOOKS }, (_, n) => receiver.url("slow", `/${name}/${i}/${n}`)),
  );
  await seed.close();
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
    // Long: on a loaded machine no send times out (a timed-out send that arrived would come back as a
    // duplicate), and a send abandoned by the stop would stay `sending` (caught) instead of being retried.
    DELIVERY_TOTAL_TIMEOUT_MS: "20000",
    DELIVERY_LEASE_MS: "60000",
    DELIVERY_POLL_MS: "200",
    ...extra,
  };
  return { database, receiver, arrivals, apps, env, port };
}

async function nextStartScenario(
  adminUrl: string | undefined,
  secrets: Record<string, string>,
): Promise<string[]> {
  const problems: string[] = [];
  const { database, receiver, arrivals, apps, env, port } = await setUp("next-start", adminUrl, secrets, {});
  log(`— next-start (${database.kind}) —`);
  const logFile = process.env.SHUTDOWN_SERVER_LOG;
  let server: ServerHandle = await startServer({ port, env, logFile });
  cleanups.add(() => server.stop());
  const warm = await ready(server.origin); // also loads the route before the signal
  if (warm?.status !== 200)
    problems.push(`/api/ready answered ${JSON.stringify(warm)} before the burst, not 200`);
  let pool = ingestPool(server.origin, PRODUCERS);
  let acked = 0;
  const producing = produceUntilAcked({
    pool: () => pool,
    apps,
    count: EVENTS,
    concurrency: PRODUCERS,
    retry: retried,
    onAck: () => acked++,
    deadline: Date.now() + 60_000,
  });

  while (acked < EVENTS / 3) await sleep(10);
  const inFlight = await sendsInFlight(receiver, 8, 10_000);
  log(`SIGTERM to next start after ${acked} acknowledged events, ${inFlight} sends in flight`);
  if (inFlight === 0) problems.push("no send was in flight when the signal came: the test proved nothing");
  const signalled = Date.now();
  const stopping = server.stop();
  const seen: Array<{ status: number; failing: string[] }> = [];
  while (!server.exited()) {
    const answer = await ready(server.origin);
    if (answer) seen.push(answer);
    await sleep(25);
  }
  await stopping;
  const status = server.exitStatus();
  log(
    `exited ${JSON.stringify(status)} ${Date.now() - signalled} ms after SIGTERM; /api/ready while draining: ${[...new Set(seen.map((s) => `${s.status} ${s.failing.join("+")}`))].join(", ") || "never answered"}`,
  );
  if (status?.code !== 0) problems.push(`next start exited ${JSON.stringify(status)} on SIGTERM, not 0`);
  if (!seen.some((s) => s.status === 503 && s.failing.includes("shutdown")))
    problems.push("/api/ready never answered 503 naming `shutdown` while the server drained");
  if (!/delivery worker stopped/.test(server.output()))
    problems.push("the server did not log that its worker stopped");

  const after = await inspect(database);
  log(`after the stop: ${JSON.stringify(after.byStatus)}, heartbeats ${after.heartbeats}`);
  if (after.sending > 0)
    problems.push(`${after.sending} deliveries left claimed (sending) after a graceful stop`);
  if (after.heartbeats > 0) problems.push(`${after.heartbeats} heartbeats left after a graceful stop`);

  server = await startServer({ port, env, logFile });
  const old = pool;
  pool = ingestPool(server.origin, PRODUCERS);
  void old.destroy().catch(() => {});
  const sent = await producing;
  await settle(receiver, arrivals, sent, 45_000, problems);
  await pool.close();
  await server.stop();
  const end = await inspect(database);
  const unfinished = Object.entries(end.byStatus).filter(([name]) => name !== "succeeded");
  if (unfinished.length > 0)
    problems.push(`deliveries not succeeded at the end: ${JSON.stringify(end.byStatus)}`);
  await receiver.stop();
  return problems;
}

async function workerScenario(adminUrl: string, secrets: Record<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const { database, receiver, arrivals, apps, env, port } = await setUp("worker", adminUrl, secrets, {
    DELIVERY_WORKER: "off",
  });
  log(`— worker (${database.kind}) —`);
  const [server, first] = await Promise.all([startServer({ port, env }), startWorkerProcess(env)]);
  cleanups.add(() => server.stop());
  cleanups.add(() => first.stop());
  const before = await ready(server.origin);
  if (before?.status !== 200)
    problems.push(`/api/ready answered ${JSON.stringify(before)} with a worker running, not 200`);
  const pool = ingestPool(server.origin, PRODUCERS);
  cleanups.add(() => pool.close());
  let acked = 0;
  const producing = produceUntilAcked({
    pool: () => pool,
    apps,
    count: EVENTS,
    concurrency: PRODUCERS,
    retry: retried,
    onAck: () => acked++,
    deadline: Date.now() + 60_000,
  });

  while (acked < EVENTS / 3) await sleep(10);
  const inFlight = await sendsInFlight(receiver, 8, 10_000);
  log(`SIGTERM to the worker after ${acked} acknowledged events, ${inFlight} sends in flight`);
  if (inFlight === 0) problems.push("no send was in flight when the signal came: the test proved nothing");
  const signalled = Date.now();
  await first.stop();
  const status = first.exitStatus();
  log(`worker exited ${JSON.stringify(status)} ${Date.now() - signalled} ms after SIGTERM`);
  if (status?.code !== 0) problems.push(`npm run worker exited ${JSON.stringify(status)} on SIGTERM, not 0`);

  const after = await inspect(database);
  log(`after the stop: ${JSON.stringify(after.byStatus)}, heartbeats ${after.heartbeats}`);
  if (after.sending > 0)
    problems.push(`${after.sending} deliveries left claimed (sending) after a graceful stop`);
  if (after.heartbeats > 0) problems.push(`${after.heartbeats} heartbeats left after a graceful stop`);
  const without = await ready(server.origin);
  if (without?.status !== 503 || !without.failing.includes("worker"))
    problems.push(`/api/ready answered ${JSON.stringify(without)} without a worker, not 503 naming worker`);

  const second: WorkerHandle = await startWorkerProcess(env);
  cleanups.add(() => second.stop());
  const again = await ready(server.origin);
  if (again?.status !== 200)
    problems.push(`/api/ready answered ${JSON.stringify(again)} with a new worker, not 200`);
  const sent = await producing;
  await settle(receiver, arrivals, sent, 45_000, problems);
  await second.stop();
  if (second.exitStatus()?.code !== 0)
    problems.push(`the second worker exited ${JSON.stringify(second.exitStatus())}`);
  const end = await inspect(database);
  const unfinished = Object.entries(end.byStatus).filter(([name]) => name !== "succeeded");
  if (unfinished.length > 0)
    problems.push(`deliveries not succeeded at the end: ${JSON.stringify(end.byStatus)}`);
  return problems;
}

async function main(): Promise<number> {
  const started = Date.now();
  const adminUrl = process.env.DATABASE_URL;
  await ensureProductionBuild(log);
  // The seeding in this process encrypts secrets with the servers' key.
  const secrets = freshEnvironment();
  cleanups.add(() => stopStartedServers());
  const outcomes: Array<[string, string[]]> = [["next-start", await nextStartScenario(adminUrl, secrets)]];
  if (adminUrl) outcomes.push(["worker", await workerScenario(adminUrl, secrets)]);
  else
    log("worker scenario skipped: a standalone worker beside a web server needs Postgres (set DATABASE_URL)");
  await cleanups.run();
  let failed = false;
  for (const [name, problems] of outcomes) {
    console.log(`${name}: ${problems.length === 0 ? "passed" : "FAILED"}`);
    for (const problem of problems) console.log(`  ✗ ${problem}`);
    if (problems.length > 0) failed = true;
  }
  console.log(`shutdown: ${failed ? "FAILED" : "passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return failed ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch(async (error) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanups.run();
    process.exit(1);
  });
