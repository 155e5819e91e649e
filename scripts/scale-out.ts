/**
 * `npm run test:scale-out` (the last step of `npm test` when DATABASE_URL is set): web and workers as separate
 * processes, as the README's scale-out topology runs them, on one Postgres database of its own:
 * two `next start` (DELIVERY_WORKER=off) and three `npm run worker`, a local receiver and a fake DingTalk robot.
 *
 * 1. API limit:  200 requests of one key alternate between the two web servers: they are limited as one
 *                (INGEST_RATE_PER_MINUTE=600: a burst of 60, then 10 a second; a limit per process would let
 *                twice the burst through), both answer 429 with the rate_limited error.
 * 2. Burst:      600 events × 3 JSON webhooks spread over both web servers → every (event, webhook) pair
 *                arrives exactly once, and the three workers all took part.
 * 3. Robot:      40 events to a DingTalk webhook (20 messages a minute) while the three workers run → no
 *                60-second window sees more than 20 sends and the robot never answers "too fast".
 * Exits 1 with the reasons when a promise is broken; 0 with a skip message when DATABASE_URL is unset.
 */
import { sql } from "drizzle-orm";
import { createApp } from "@/lib/apps/create-app";
import type { Database } from "@/lib/db/client";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { FakeDingTalk, fakeRobots } from "@/test/fake-robots";
import { createBenchDatabase } from "./bench/database";
import { ingestPool, type Sent, sendEvent } from "./bench/load";
import {
  type Arrival,
  ensureProductionBuild,
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

const EVENTS = 600;
const TEAMS = 12; // one key each: 50 events a key stay within the burst of 60
const ROBOT_EVENTS = 40;
const LIMIT_REQUESTS = 200;
const PER_MINUTE = 600;
const BURST = PER_MINUTE / 10;
const ROBOT_MAX = 20;
/** How long the robot is watched after its first send: long enough for a worker that ignored the shared window. */
const ROBOT_WATCH_MS = 15_000;

const log = (message: string) => console.error(`[scale-out] ${message}`);

const cleanups = exitCleanups(log);

/** Sends `count` requests over `pools` in turn, `concurrency` at a time; `pick(i)` chooses the app of the i-th. */
async function send(
  pools: ReturnType<typeof ingestPool>[],
  count: number,
  concurrency: number,
  pick: (i: number) => SeededApp,
): Promise<Array<Sent & { server: number }>> {
  const all: Array<Sent & { server: number }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const server = i % pools.length;
        all.push({ ...(await sendEvent(pools[server] as ReturnType<typeof ingestPool>, pick(i))), server });
      }
    }),
  );
  return all;
}

async function main(): Promise<number> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log("scale-out test skipped: it needs Postgres (set DATABASE_URL, e.g. postgres://…/test)");
    return 0;
  }
  const started = Date.now();
  await ensureProductionBuild(log);
  // The seeding in this process encrypts secrets with the servers' key, in the database made below.
  const secrets = freshEnvironment();
  cleanups.add(() => stopStartedServers());

  const database = await createBenchDatabase(adminUrl, "apphooks_scaleout");
  cleanups.add(() => database.cleanup());
  const receiver = await startReceiver([{ name: "ok", mode: "ok", parseBody: true }]);
  cleanups.add(() => receiver.stop());
  const arrivals: Arrival[] = [];
  receiver.onArrivals((batch) => arrivals.push(...batch));
  const robots = fakeRobots();
  cleanups.add(() => robots.close());
  const ding = await robots.add(new FakeDingTalk({ rateLimit: true }));

  const seedDb: Database = await openSeedDatabase(database.env);
  cleanups.add(() => seedDb.close());
  const apps: SeededApp[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const team = await seedTeam(`scale-${t}`);
    apps.push(
      ...(await seedApps(team, 1, `Burst ${t}`, () =>
        [0, 1, 2].map((n) => receiver.url("ok", `/${t}/${n}`)),
      )),
    );
  }
  const robotTeam = await seedTeam("scale-robot");
  const robotApp = await createApp(robotTeam.userId, robotTeam.teamId, { name: "Robot", platform: "ios" });
  await createWebhook(robotTeam.userId, robotApp.appKey, {
    name: "DingTalk group",
    type: "dingtalk",
    url: ding.url,
    events: ["feedback"],
    enabled: true,
    // Every event its own message: the shared per-robot window is what is under test, not digests.
    digest: false,
  });
  const robot: SeededApp = { appKey: robotApp.appKey, key: robotTeam.key, webhooks: [] };
  const limitTeam = await seedTeam("scale-limit");
  const [limited] = await seedApps(limitTeam, 1, "Limited", () => []);
  const [warm] = await seedApps(await seedTeam("scale-warm"), 1, "Warm-up", () => []);
  if (!limited || !warm) throw new Error("no app seeded");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...secrets,
    ...database.env,
    NODE_ENV: "production",
    AUTH_TRUST_HOST: "true",
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    SEED_DEMO: "false",
    INGEST_RATE_PER_MINUTE: String(PER_MINUTE),
    DELIVERY_WORKER: "off",
  };
  const ports = [await sparePort(), await sparePort()];
  const boot = Date.now();
  const [servers, workers] = await Promise.all([
    Promise.all(
      ports.map((port) => startServer({ port, env: { ...env, AUTH_URL: `http://127.0.0.1:${port}` } })),
    ) as Promise<ServerHandle[]>,
    Promise.all([0, 1, 2].map(() => startWorkerProcess(env))) as Promise<WorkerHandle[]>,
  ]);
  for (const worker of workers) cleanups.add(() => worker.stop());
  const workerIds = workers.map((worker) => /delivery worker (\S+) started/.exec(worker.output())?.[1] ?? "");
  log(`2 web servers and 3 workers up in ${((Date.now() - boot) / 1000).toFixed(1)} s`);
  const pools = servers.map((server) => ingestPool(server.origin, 8));
  cleanups.add(async () => void (await Promise.all(pools.map((pool) => pool.close()))));
  const problems: string[] = [];

  // 1. One key's requests alternating between the two servers (warmed up first with another key, so that the
  // requests come fast enough for the limit to be seen against its refill).
  await send(pools, 40, 8, () => warm);
  const limitStart = Date.now();
  const limitSent = await send(pools, LIMIT_REQUESTS, 8, () => limited);
  const limitSeconds = (Date.now() - limitStart) / 1000;
  const accepted = limitSent.filter((s) => s.status === 202).length;
  const refused = limitSent.filter((s) => s.status === 429);
  const allowedAtMost = BURST + Math.ceil((PER_MINUTE / 60) * limitSeconds) + 1;
  log(
    `API limit: ${accepted} of ${LIMIT_REQUESTS} accepted in ${limitSeconds.toFixed(1)} s over 2 servers (one limit allows at most ${allowedAtMost}, one per process would allow ${2 * BURST}+)`,
  );
  if (allowedAtMost >= 2 * BURST)
    problems.push(
      `API limit: the requests took ${limitSeconds.toFixed(1)} s, too slow to tell one limit from two`,
    );
  if (accepted < BURST || accepted > allowedAtMost)
    problems.push(`API limit: ${accepted} accepted, expected ${BURST}..${allowedAtMost}`);
  if (accepted + refused.length !== LIMIT_REQUESTS)
    problems.push(`API limit: answers other than 202/429: ${limitSent.map((s) => s.status).join(",")}`);
  for (const server of [0, 1]) {
    if (!refused.some((s) => s.server === server))
      problems.push(`API limit: server ${server + 1} never said 429`);
  }
  if (refused.some((s) => !s.body?.includes("rate_limited")))
    problems.push("API limit: a 429 without the rate_limited error");

  // 2 and 3. The burst over both servers, with the robot's events among the first.
  const seen = new Set<string>();
  let watching = true;
  const watch = (async () => {
    while (watching) {
      const result = await seedDb.db.execute(
        sql`select distinct locked_by from deliveries where status = 'sending' and locked_by is not null`,
      );
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
        locked_by: string;
      }>;
      for (const row of rows) seen.add(row.locked_by);
      await sleep(100);
    }
  })();
  const burstStart = Date.now();
  const sent = await send(pools, EVENTS + ROBOT_EVENTS, 16, (i) =>
    i < 2 * ROBOT_EVENTS && i % 2 === 0 ? robot : (apps[i % TEAMS] as SeededApp),
  );
  const burstSeconds = (Date.now() - burstStart) / 1000;
  const acked = sent.filter((s) => s.eventId && s.app !== robot);
  const notAccepted = sent.filter((s) => !s.eventId);
  log(`burst: ${sent.length} events in ${burstSeconds.toFixed(1)} s, ${notAccepted.length} not accepted`);
  if (notAccepted.length > 0)
    problems.push(
      `burst: ${notAccepted.length} events not accepted, e.g. ${notAccepted[0]?.status} ${notAccepted[0]?.body}`,
    );

  const want = acked.length * 3;
  const pairs = new Map<string, number>();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await receiver.counts();
    pairs.clear();
    for (const arrival of arrivals) {
      const key = `${arrival.eventId} ${arrival.path}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    const firstDing = ding.posted[0]?.at;
    const robotWatched = firstDing !== undefined && Date.now() - firstDing >= ROBOT_WATCH_MS;
    if ((pairs.size >= want && robotWatched) || Date.now() > deadline) break;
    await sleep(250);
  }
  watching = false;
  await watch;
  await sleep(500); // late duplicates
  await receiver.counts();
  const deliverSeconds = (Date.now() - burstStart) / 1000;

  let lost = 0;
  const missing: string[] = [];
  for (const s of acked) {
    for (const hook of s.app.webhooks) {
      const key = `${s.eventId} ${new URL(hook.url).pathname}`;
      if (!pairs.has(key)) {
        lost++;
        if (missing.length < 5) missing.push(key);
      }
    }
  }
  const duplicated = [...pairs.values()].reduce((sum, n) => sum + n - 1, 0);
  const stray = arrivals.filter((arrival) => arrival.eventId !== arrival.webhookId).length;
  log(
    `deliveries: ${pairs.size} of ${want} pairs arrived, ${duplicated} duplicated, ${arrivals.length} requests, ${deliverSeconds.toFixed(1)} s after the burst began`,
  );
  if (lost > 0) problems.push(`burst: ${lost} pairs never arrived, e.g. ${missing.join(", ")}`);
  if (duplicated > 0) problems.push(`burst: ${duplicated} duplicate deliveries without a crash`);
  if (stray > 0) problems.push(`burst: ${stray} arrivals whose webhook-id is not their event's id`);
  const working = workerIds.filter((id) => seen.has(id));
  log(`workers seen sending: ${working.length} of 3`);
  if (working.length < 3) problems.push(`burst: only ${working.length} of the 3 workers were seen sending`);

  const busiest = ding.busiestWindow(60_000);
  const tooFast = ding.rejected.filter((exchange) => exchange.code === 130101).length;
  const firstDing = ding.posted[0]?.at ?? Date.now();
  log(
    `robot: ${ding.posted.length} messages posted (busiest 60 s: ${busiest}), ${tooFast} answered "too fast", watched ${((Date.now() - firstDing) / 1000).toFixed(0)} s`,
  );
  if (busiest > ROBOT_MAX)
    problems.push(`robot: ${busiest} messages within 60 s (its limit is ${ROBOT_MAX})`);
  if (tooFast > 0) problems.push(`robot: ${tooFast} sends answered "send too fast"`);
  if (ding.posted.length < ROBOT_MAX) problems.push(`robot: only ${ding.posted.length} messages posted`);
  if (ding.rejected.length > tooFast) problems.push(`robot: rejected ${ding.rejected[0]?.body}`);

  await cleanups.run();
  for (const problem of problems) console.log(`  ✗ ${problem}`);
  console.log(
    `scale-out: ${problems.length === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return problems.length === 0 ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch(async (error) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanups.run();
    process.exit(1);
  });
