/**
 * `npm run bench`: how fast events get out, measured end to end against a production build, beside the raw
 * limit of the same machine. Loopback only, bounded in time; see scripts/bench/README.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { runBaselines } from "./baselines/baselines";
import { batchLoop } from "./batch";
import { databaseOf, processTree } from "./cpu";
import { createBenchDatabase } from "./database";
import { drainStep } from "./drain";
import { closedLoop, ingestPool, paced, type Sent } from "./load";
import { load, machine } from "./machine";
import { MemoryWatch } from "./memory";
import {
  type Arrival,
  ensureProductionBuild,
  type ServerHandle,
  sparePort,
  startReceiver,
  startServer,
  stopStartedServers,
} from "./processes";
import { type Results, renderMarkdown, renderTable, type Step } from "./report";
import {
  freshEnvironment,
  openSeedDatabase,
  type SeededApp,
  seedApps,
  seedBulkApps,
  seedTeam,
  switchOff,
} from "./seed";
import { signIn, timePage } from "./session";
import { singleEventStep, type Tracker } from "./single-event";
import { now, sleep, summarize } from "./stats";
import { runTopologies } from "./topology";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    apps: { type: "string" },
    "scale-apps": { type: "string" },
    seconds: { type: "string" },
    concurrency: { type: "string" },
    "single-apps": { type: "string" },
    "skip-baselines": { type: "boolean", default: false },
    "raw-seconds": { type: "string" },
    "skip-scale": { type: "boolean", default: false },
    "skip-drain": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    "ingest-only": { type: "boolean", default: false },
    "batch-size": { type: "string" },
    "batch-concurrency": { type: "string" },
    out: { type: "string" },
    soak: { type: "string" },
  },
});

const quick = flags.quick || process.env.BENCH_QUICK === "1";
const numberOf = (flag: string | undefined, variable: string, normal: number, fast: number) =>
  Number(flag ?? process.env[variable] ?? (quick ? fast : normal));
const config = {
  quick,
  apps: numberOf(flags.apps, "BENCH_APPS", 10, 10),
  scaleApps: numberOf(flags["scale-apps"], "BENCH_SCALE_APPS", 10_000, 1000),
  stepMs: numberOf(flags.seconds, "BENCH_SECONDS", 10, 3) * 1000,
  rawMs: numberOf(flags["raw-seconds"], "BENCH_RAW_SECONDS", 5, 2) * 1000,
  ingestConcurrency: numberOf(flags.concurrency, "BENCH_CONCURRENCY", 16, 16),
  /** The batch step: batches of this many events, this many requests in flight. */
  batchSize: numberOf(flags["batch-size"], "BENCH_BATCH_SIZE", 50, 50),
  batchConcurrency: numberOf(flags["batch-concurrency"], "BENCH_BATCH_CONCURRENCY", 8, 8),
  /** The single-event step (AppHooks and the baselines): apps × 3 webhooks, requests in flight. */
  singleApps: numberOf(flags["single-apps"], "BENCH_SINGLE_APPS", 100, 100),
  singleConcurrency: 32,
  skipBaselines: flags["skip-baselines"] || process.env.BENCH_SKIP_BASELINES === "1",
  /** Arrivals in the first part of each step are not measured (the pipeline fills up). */
  settleMs: quick ? 500 : 2000,
  pageSamples: quick ? 10 : 40,
  skipScale: flags["skip-scale"] || process.env.BENCH_SKIP_SCALE === "1",
  skipDrain: flags["skip-drain"] || process.env.BENCH_SKIP_DRAIN === "1",
  /** The drain step's backlog (scripts/bench/drain.ts): queued with no worker running, then drained. */
  drainRows: numberOf(undefined, "BENCH_DRAIN_ROWS", 100_000, 10_000),
  drainApps: 100,
  profile: flags.profile,
  drainTimeoutMs: 120_000,
  /** --soak <seconds>: half load for that long at the end, watching resident memory for growth. */
  soakSeconds: Number(flags.soak ?? 0),
};

const log = (message: string) => console.error(`[bench] ${message}`);

/** Everything this run started or created, for the cleanup. */
const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((error) => log(`cleanup: ${String(error)}`));
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });
}

type Tracked = { sentAt: number; phase: string };

async function main(): Promise<Results> {
  const started = Date.now();
  const loadAtStart = load();
  await ensureProductionBuild(log);
  const adminUrl = process.env.DATABASE_URL;
  const database = await createBenchDatabase(adminUrl, "apphooks_bench");
  cleanups.push(() => database.cleanup());
  log(`database: ${database.version} (${database.kind})`);

  // The seeding (in this process) and the server share the database and the encryption key.
  freshEnvironment(database.env);

  const receiver = await startReceiver([
    { name: "ok", mode: "ok" },
    { name: "hang", mode: "hang" },
  ]);
  cleanups.push(() => receiver.stop());

  // Arrivals by event id (the webhook-id header), first arrival per (event, URL) only.
  const tracked = new Map<string, Tracked>();
  const arrivals = new Map<string, Arrival[]>();
  let duplicates = 0;
  receiver.onArrivals((batch) => {
    for (const arrival of batch) {
      const list = arrivals.get(arrival.webhookId) ?? [];
      if (list.some((seen) => seen.path === arrival.path)) duplicates++;
      else list.push(arrival);
      arrivals.set(arrival.webhookId, list);
    }
  });

  log(
    `seeding ${config.apps} apps × 3 webhooks (+ ${config.apps} for the isolation run, ${config.singleApps} for the single-event step)…`,
  );
  let handle = await openSeedDatabase(database.env);
  const team = await seedTeam("bench");
  const apps = await seedApps(team, config.apps, "Bench app", (i) =>
    [0, 1, 2].map((n) => receiver.url("ok", `/hooks/${i}/${n}`)),
  );
  const isolationApps = await seedApps(team, config.apps, "Isolation app", (i) => [
    receiver.url("ok", `/isolation/${i}/0`),
    receiver.url("ok", `/isolation/${i}/1`),
    receiver.url("hang", `/isolation/${i}/2`),
  ]);
  const singleApps = await seedApps(team, config.singleApps, "Single-event app", (i) =>
    [0, 1, 2].map((n) => receiver.url("ok", `/single/${i}/${n}`)),
  );
  await handle.close();

  const port = await sparePort();
  const profileDir = path.resolve("bench/profiles");
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    AUTH_URL: `http://127.0.0.1:${port}`,
    AUTH_TRUST_HOST: "true",
    INGEST_RATE_PER_MINUTE: "100000000",
    // --ingest-only: the web server alone (no worker): what the ingest route costs by itself.
    ...(flags["ingest-only"] ? { DELIVERY_WORKER: "off" } : {}),
  };
  let server: ServerHandle | undefined;
  const memory = new MemoryWatch();
  const startApp = async () => {
    server = await startServer({
      port,
      env: serverEnv,
      logFile: process.env.BENCH_SERVER_LOG,
      nodeArgs: config.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : undefined,
    });
    memory.watch(server.pid);
    return server;
  };
  cleanups.push(() => stopStartedServers());
  let app = await startApp();
  log(`server on ${app.origin} (pid ${app.pid})`);
  // Resting size: signed in, 20 dashboard page loads, then a quiet pause (README, "Memory").
  const pagePath = `/apps/${apps[0]?.appKey}/settings/webhooks`;
  await timePage(app.origin, pagePath, await signIn(app.origin, team.email, "bench-password-1234"), 20, 0);
  log(`memory idle: ${(await memory.idle("idle")).totalMb.toFixed(0)} MB resident`);
  const pool = ingestPool(app.origin, 128);
  cleanups.push(() => pool.close());

  const track = (phase: string) => (sent: Sent) => {
    if (sent.eventId) tracked.set(sent.eventId, { sentAt: sent.sentAt, phase });
  };
  let round = 0;
  const roundRobin = (list: SeededApp[]) => () => list[round++ % list.length] as SeededApp;

  /** Deliveries expected for a phase: healthy URLs × accepted events. */
  const expected = (results: Sent[], healthyPerEvent: number) =>
    results.filter((sent) => sent.eventId).length * healthyPerEvent;
  const arrivedFor = (results: Sent[], healthy: (arrival: Arrival) => boolean) => {
    let count = 0;
    for (const sent of results) {
      if (!sent.eventId) continue;
      for (const arrival of arrivals.get(sent.eventId) ?? []) if (healthy(arrival)) count++;
    }
    return count;
  };
  const allHealthy = () => true;
  const okOnly = (arrival: Arrival) => arrival.server === "ok";

  async function drain(results: Sent[], perEvent: number, healthy: (arrival: Arrival) => boolean) {
    const want = expected(results, perEvent);
    const deadline = Date.now() + config.drainTimeoutMs;
    for (;;) {
      await receiver.counts();
      const got = arrivedFor(results, healthy);
      if (got >= want) return { want, got, drainedAt: now() };
      if (Date.now() > deadline) {
        log(
          `drain: ${want - got} of ${want} deliveries still missing after ${config.drainTimeoutMs / 1000} s`,
        );
        return { want, got, drainedAt: now() };
      }
      await sleep(50);
    }
  }

  /** End-to-end latencies (arrival − send) of events sent after the settle time, and the delivery rate. */
  function measure(
    results: Sent[],
    window: { start: number; end: number },
    healthy: (arrival: Arrival) => boolean,
  ) {
    const latencies: number[] = [];
    let inWindow = 0;
    const from = window.start + config.settleMs;
    for (const sent of results) {
      if (!sent.eventId) continue;
      for (const arrival of arrivals.get(sent.eventId) ?? []) {
        if (!healthy(arrival)) continue;
        if (sent.sentAt >= from) latencies.push(arrival.at - sent.sentAt);
        if (arrival.at >= from && arrival.at <= window.end) inWindow++;
      }
    }
    return { latency: summarize(latencies), deliveriesPerSecond: inWindow / ((window.end - from) / 1000) };
  }
  const tracker: Tracker = {
    track,
    drain: (results) => drain(results, 3, allHealthy),
    delivered: (sent) => (sent.eventId ? (arrivals.get(sent.eventId)?.length ?? 0) : 0),
    measure: (results, window) => measure(results, window, allHealthy),
  };

  if (flags["ingest-only"]) {
    await closedLoop({
      pool,
      concurrency: config.ingestConcurrency,
      durationMs: 3000,
      pick: roundRobin(apps),
    });
    for (const concurrency of [1, config.ingestConcurrency]) {
      const begun = now();
      const results = await closedLoop({
        pool,
        concurrency,
        durationMs: config.stepMs,
        pick: roundRobin(apps),
      });
      const ok = results.filter((sent) => sent.status === 202);
      const latency = summarize(ok.map((sent) => sent.ms));
      console.log(
        `ingest only (no worker), concurrency ${concurrency}: ${(ok.length / ((now() - begun) / 1000)).toFixed(0)} events/s, ` +
          `p50 ${latency.p50.toFixed(1)} p99 ${latency.p99.toFixed(1)} ms, ${results.length - ok.length} errors`,
      );
    }
    await cleanup();
    process.exit(0);
  }

  // 0. Warm-up: JIT, connection pools, the first claims.
  memory.step("warm-up");
  log("warm-up…");
  const warm = await closedLoop({
    pool,
    concurrency: config.ingestConcurrency,
    durationMs: quick ? 1500 : 4000,
    pick: roundRobin(apps),
    onSent: track("warm-up"),
  });
  await drain(warm, 3, allHealthy);

  // 1. Raw limit: the same body and headers as a delivery, straight to the same receiver.
  const sample = await receiver.sample();
  if (!sample) throw new Error("the receiver has seen no delivery to copy");
  const rawPool = new Pool(receiver.url("ok", ""), {
    connections: 32,
    pipelining: 1,
    keepAliveTimeout: 60_000,
  });
  cleanups.push(() => rawPool.close());
  const rawHeaders = { ...sample.headers };
  for (const name of ["host", "content-length", "connection", "transfer-encoding"]) delete rawHeaders[name];
  const rawRun = async (durationMs: number) => {
    const end = now() + durationMs;
    let count = 0;
    const latencies: number[] = [];
    const startedAt = now();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (now() < end) {
          const t0 = now();
          const response = await rawPool.request({
            path: "/raw",
            method: "POST",
            headers: rawHeaders,
            body: sample.body,
          });
          await response.body.dump();
          latencies.push(now() - t0);
          count++;
        }
      }),
    );
    return { count, seconds: (now() - startedAt) / 1000, latency: summarize(latencies) };
  };
  memory.step("raw limit");
  log("raw limit…");
  await rawRun(1000);
  const raw = await rawRun(config.rawMs);
  const rawPerSecond = raw.count / raw.seconds;
  log(`raw: ${rawPerSecond.toFixed(0)} requests/s`);

  // 2. Ingest at a fixed concurrency (the worker delivers meanwhile, as in production).
  memory.step("ingest");
  log(`ingest at concurrency ${config.ingestConcurrency}…`);
  const ingestStart = now();
  const ingestResults = await closedLoop({
    pool,
    concurrency: config.ingestConcurrency,
    durationMs: config.stepMs,
    pick: roundRobin(apps),
    onSent: track("ingest"),
  });
  const ingestSeconds = (now() - ingestStart) / 1000;
  const ingestOk = ingestResults.filter((sent) => sent.status === 202);
  const ingest = {
    concurrency: config.ingestConcurrency,
    eventsPerSecond: ingestOk.length / ingestSeconds,
    errors: ingestResults.length - ingestOk.length,
    latency: summarize(ingestOk.map((sent) => sent.ms)),
  };
  log(`ingest: ${ingest.eventsPerSecond.toFixed(0)} events/s, p99 ${ingest.latency.p99.toFixed(1)} ms`);
  await drain(ingestResults, 3, allHealthy);

  // 2b. Single-event ingest at 32 in flight, with the CPU per accepted-and-delivered event (cpu.ts).
  memory.step("single-event");
  log(`single-event step: ${config.singleConcurrency} in flight over ${singleApps.length} apps…`);
  const tree = processTree(app.pid);
  const single = await singleEventStep({
    label: "single-event",
    pool,
    apps: singleApps,
    concurrency: config.singleConcurrency,
    durationMs: config.stepMs,
    cpu: {
      server: { kind: "tree", pid: app.pid },
      postgres: database.env.DATABASE_URL ? { databases: [databaseOf(database.env.DATABASE_URL)] } : null,
      receiverPid: receiver.pid,
    },
    tracker,
  });
  log(
    `single-event: ${single.eventsPerSecond.toFixed(0)} events/s, ${single.deliveriesPerSecond.toFixed(0)} deliveries/s, ` +
      `${single.cpu.perEventMs.toFixed(2)} ms CPU per event (server processes: ${tree.map((p) => `${p.pid} "${p.comm}"`).join(", ")})`,
  );

  // 2c. Batch ingest: durable fan-out from batches (an SDK flushing its queue), until every delivery is in.
  memory.step("batch");
  log(`batch ingest: ${config.batchSize} events a request, ${config.batchConcurrency} in flight…`);
  const batchStart = now();
  const batchRun = await batchLoop({
    pool,
    concurrency: config.batchConcurrency,
    size: config.batchSize,
    durationMs: config.stepMs,
    pick: roundRobin(singleApps),
    onSent: track("batch"),
  });
  const batchEnd = now();
  const batchDrain = await drain(batchRun.events, 3, allHealthy);
  let lastArrival = batchStart;
  for (const sent of batchRun.events) {
    for (const arrival of arrivals.get(sent.eventId ?? "") ?? [])
      lastArrival = Math.max(lastArrival, arrival.at);
  }
  const batch = {
    size: config.batchSize,
    concurrency: config.batchConcurrency,
    requests: batchRun.requestMs.length,
    errors: batchRun.failed.length,
    eventsPerSecond: batchRun.events.length / ((batchEnd - batchStart) / 1000),
    deliveries: batchDrain.got,
    deliveriesPerSecond: batchDrain.got / ((lastArrival - batchStart) / 1000),
    ratioToRaw: batchDrain.got / ((lastArrival - batchStart) / 1000) / rawPerSecond,
    latency: summarize(batchRun.requestMs),
  };
  log(
    `batch: ${batch.eventsPerSecond.toFixed(0)} events/s accepted, ${batch.deliveriesPerSecond.toFixed(0)} deliveries/s ` +
      `(${batch.ratioToRaw.toFixed(3)} × raw), ${batch.errors} errors`,
  );

  // Settings page with 10 apps (no load).
  const cookie = await signIn(app.origin, team.email, "bench-password-1234");
  const pageSmall = await timePage(app.origin, pagePath, cookie, config.pageSamples);

  // 3. Fan-out: a saturating probe, then paced steps down from its rate until one is sustained.
  memory.step("fan-out probe");
  log("fan-out probe (closed loop at concurrency 64)…");
  const probeStart = now();
  const probeResults = await closedLoop({
    pool,
    concurrency: 64,
    durationMs: config.stepMs,
    pick: roundRobin(apps),
    onSent: track("probe"),
  });
  const probeEnd = now();
  await drain(probeResults, 3, allHealthy);
  const probe = measure(probeResults, { start: probeStart, end: probeEnd }, allHealthy);
  const probeIngest = probeResults.filter((sent) => sent.eventId).length / ((probeEnd - probeStart) / 1000);
  log(
    `probe: ingest ${probeIngest.toFixed(0)} events/s, delivered ${probe.deliveriesPerSecond.toFixed(0)} deliveries/s`,
  );

  const runStep = async (
    label: string,
    list: SeededApp[],
    eventsPerSecond: number,
    healthyPerEvent: number,
    stepPool: Pool = pool,
  ) => {
    const healthy = healthyPerEvent === 3 ? allHealthy : okOnly;
    memory.step(label);
    const start = now();
    const { results, offered, late } = await paced({
      pool: stepPool,
      rate: eventsPerSecond,
      durationMs: config.stepMs,
      maxInFlight: 256,
      pick: roundRobin(list),
      onSent: track(label),
    });
    const end = now();
    await sleep(1000);
    await receiver.counts();
    const onTime = arrivedFor(results, healthy);
    const { want } = await drain(results, healthyPerEvent, healthy);
    const measured = measure(results, { start, end }, healthy);
    const accepted = results.filter((sent) => sent.eventId).length;
    const step: Step = {
      label,
      eventsPerSecond,
      offered,
      accepted,
      late,
      deliveriesPerSecond: measured.deliveriesPerSecond,
      latency: measured.latency,
      ingestLatency: summarize(results.filter((sent) => sent.eventId).map((sent) => sent.ms)),
      // Kept up: the producer sent on time and nearly every delivery was in within a second of the end.
      // and the delivery rate during the step was within 10 % of the offered rate (not a late burst at the end).
      sustained:
        accepted >= offered * 0.97 &&
        onTime >= want * 0.99 &&
        measured.deliveriesPerSecond >= eventsPerSecond * healthyPerEvent * 0.9,
    };
    log(
      `${label}: ${eventsPerSecond.toFixed(0)} events/s → ${step.deliveriesPerSecond.toFixed(0)} deliveries/s, ` +
        `e2e p50 ${step.latency.p50.toFixed(1)} p99 ${step.latency.p99.toFixed(1)} ms, ` +
        `${step.sustained ? "sustained" : `not sustained (${onTime}/${want} in time, ${accepted}/${offered} accepted)`}`,
    );
    return step;
  };

  const steps: Step[] = [];
  const estimate = Math.max(30, Math.max(probe.deliveriesPerSecond, probeIngest * 3) / 3);
  let best: Step | undefined;
  for (const factor of [1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]) {
    const step = await runStep(`fan-out ×${factor}`, apps, Math.round(estimate * factor), 3);
    steps.push(step);
    if (step.sustained) {
      best = step;
      break;
    }
  }
  const max = best ?? steps[steps.length - 1];
  if (!max) throw new Error("no fan-out step ran");
  const half = await runStep("fan-out at half", apps, Math.max(1, Math.round(max.eventsPerSecond / 2)), 3);

  // 4. Isolation: the same half rate, one of each app's three webhooks never answers.
  const isolation = await runStep(
    "isolation (1 of 3 hangs)",
    isolationApps,
    Math.max(1, Math.round(max.eventsPerSecond / 2)),
    2,
  );

  log(`memory idle after the load: ${(await memory.idle("idleAfter")).totalMb.toFixed(0)} MB resident`);
  if (config.soakSeconds > 0) {
    const rate = Math.max(1, Math.round(max.eventsPerSecond / 2));
    log(`soak: ${config.soakSeconds} s at ${rate} events/s…`);
    const soak = await memory.soak({
      seconds: config.soakSeconds,
      eventsPerSecond: rate,
      load: (durationMs) => paced({ pool, rate, durationMs, maxInFlight: 256, pick: roundRobin(apps) }),
    });
    log(
      `soak: ${soak.slopeMbPerMinute.toFixed(2)} MB/min over the second half (${soak.pass ? "pass" : "FAIL"})`,
    );
  }

  // 5. Scale: 10,000 apps × 3 webhooks in the database.
  let scale: Results["scale"] = null as Results["scale"];
  await app.stop();
  handle = await openSeedDatabase(database.env);
  for (const isolationApp of isolationApps) await switchOff(team, isolationApp, 2);
  // 6. Topology (Postgres only): one process vs web + 2 workers, at the fan-out max's rate.
  const topology =
    database.kind === "postgres"
      ? await runTopologies({
          stepMs: config.stepMs,
          settleMs: config.settleMs,
          env: serverEnv,
          apps,
          receiver,
          rate: max.eventsPerSecond,
          workers: 2,
          log,
        })
      : null;
  // 7. Drain: a backlog queued while no worker runs, then drained while a page is timed.
  let backlog: Results["drain"] = null;
  if (!config.skipDrain) {
    await handle.close();
    backlog = await drainStep({
      rows: config.drainRows,
      apps: config.drainApps,
      kind: database.kind,
      databaseEnv: database.env,
      team,
      receiver,
      port,
      serverEnv,
      timeoutMs: 600_000,
      log,
    });
    handle = await openSeedDatabase(database.env);
  }
  if (!config.skipScale) {
    const extra =
      config.scaleApps - apps.length - isolationApps.length - singleApps.length - (backlog?.apps ?? 0);
    log(`seeding ${extra} more apps × 3 webhooks (${config.scaleApps} apps in all)…`);
    const seedStart = Date.now();
    const bulk = await seedBulkApps(handle, extra, 100, (i) =>
      [0, 1, 2].map((n) => receiver.url("ok", `/scale/${i}/${n}`)),
    );
    log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    await handle.close();
    app = await startApp();
    memory.step("scale");
    const scalePool = ingestPool(app.origin, 128);
    cleanups.push(() => scalePool.close());
    const everyApp = [...apps, ...bulk];
    const random = () => everyApp[Math.floor(Math.random() * everyApp.length)] as SeededApp;
    log("scale: warm-up…");
    const scaleWarm = await closedLoop({
      pool: scalePool,
      concurrency: config.ingestConcurrency,
      durationMs: quick ? 1500 : 4000,
      pick: random,
      onSent: track("scale warm-up"),
    });
    await drain(scaleWarm, 3, allHealthy);
    log(`scale: ingest at concurrency ${config.ingestConcurrency} over ${everyApp.length} apps…`);
    const scaleStart = now();
    const scaleResults = await closedLoop({
      pool: scalePool,
      concurrency: config.ingestConcurrency,
      durationMs: config.stepMs,
      pick: random,
      onSent: track("scale"),
    });
    const scaleSeconds = (now() - scaleStart) / 1000;
    const scaleOk = scaleResults.filter((sent) => sent.status === 202);
    await drain(scaleResults, 3, allHealthy);
    const scaleCookie = await signIn(app.origin, team.email, "bench-password-1234");
    scale = {
      apps: config.scaleApps,
      ingest: {
        concurrency: config.ingestConcurrency,
        eventsPerSecond: scaleOk.length / scaleSeconds,
        errors: scaleResults.length - scaleOk.length,
        latency: summarize(scaleOk.map((sent) => sent.ms)),
      },
      page: await timePage(app.origin, pagePath, scaleCookie, config.pageSamples),
      small: { apps: config.apps * 2, ingest, page: pageSmall },
    };
    log(
      `scale: ingest p99 ${scale.ingest.latency.p99.toFixed(1)} ms, page p50 ${scale.page.p50.toFixed(1)} ms`,
    );
  } else {
    await handle.close();
  }
  await app.stop();

  // 6. Baselines on the same receiver and Postgres (not with PGlite: they need a Postgres server).
  let baselines: Results["baselines"] = {
    skipped: adminUrl ? "not run (--skip-baselines)" : "DATABASE_URL is unset (the baselines need Postgres)",
    list: [],
  };
  if (!config.skipBaselines && adminUrl) {
    baselines = {
      skipped: null,
      list: await runBaselines({
        adminUrl,
        receiver,
        apps: config.singleApps,
        concurrency: config.singleConcurrency,
        durationMs: config.stepMs,
        warmMs: quick ? 1000 : 3000,
        tracker,
        paced: (label, stepPool, list, rate) => runStep(label, list, rate, 3, stepPool),
        onCleanup: (step) => cleanups.push(step),
        log,
      }),
    };
  }

  return {
    date: new Date().toISOString(),
    machine: machine(database.version, loadAtStart),
    config,
    raw: { requestsPerSecond: rawPerSecond, latency: raw.latency },
    ingest,
    batch,
    single,
    baselines,
    probe: { eventsPerSecond: probeIngest, deliveriesPerSecond: probe.deliveriesPerSecond },
    fanout: { steps, max, half, ratioToRaw: max.deliveriesPerSecond / rawPerSecond },
    isolation: {
      step: isolation,
      baselineP99: half.latency.p99,
      change: isolation.latency.p99 / half.latency.p99 - 1,
    },
    scale,
    topology,
    drain: backlog,
    duplicates,
    memory: memory.finish(),
    seconds: (Date.now() - started) / 1000,
  };
}

main()
  .then(async (results) => {
    await cleanup();
    const table = renderTable(results);
    console.log(table);
    const directory = path.resolve(flags.out ?? "bench/results");
    mkdirSync(directory, { recursive: true });
    const day = results.date.slice(0, 10);
    // One file per day and backend: a Postgres and a PGlite run of the same day both stay.
    const backend = results.machine.database.startsWith("PGlite") ? "pglite" : "postgres";
    const suffix = `-${backend}${results.config.quick ? "-quick" : ""}`;
    writeFileSync(path.join(directory, `${day}${suffix}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(directory, `${day}${suffix}.md`), renderMarkdown(results));
    log(
      `wrote ${path.join(directory, `${day}${suffix}.json`)} and .md (${results.seconds.toFixed(0)} s in all)`,
    );
    process.exit(0);
  })
  .catch(async (error) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exit(1);
  });
