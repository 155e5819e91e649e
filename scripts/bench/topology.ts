/**
 * The bench's topology step (Postgres only): the same load against (a) one process, `next start` with its
 * in-process worker, and (b) web and workers apart, `next start` with DELIVERY_WORKER=off beside N
 * `npm run worker` processes (README, "The worker runs inside the web server…"). For each: a saturating probe
 * (closed loop, 64 producers: events/s accepted and deliveries/s arriving meanwhile), a paced step at one rate
 * shared by both (deliveries/s, end-to-end latency, sustained or not), and the CPU time its web and worker
 * processes spent per event over both (from /proc: less skewed by other work on the box than wall-clock is).
 */
import { readdirSync, readFileSync } from "node:fs";
import { closedLoop, ingestPool, paced, type Sent } from "./load";
import { type Arrival, type ReceiverHandle, sparePort, startServer } from "./processes";
import type { SeededApp } from "./seed";
import { now, type Summary, sleep, summarize } from "./stats";
import { startWorkerProcess, type WorkerHandle } from "./worker-process";

export type Topology = {
  label: string;
  workers: number;
  probe: { eventsPerSecond: number; deliveriesPerSecond: number };
  paced: { eventsPerSecond: number; deliveriesPerSecond: number; latency: Summary; sustained: boolean };
  /**
   * CPU time (user + system) per accepted event, ms: of the web process (its worker included when in-process)
   * and of the worker processes. Postgres's is not counted (its server is shared with other databases).
   */
  cpuMsPerEvent: { web: number; workers: number };
  duplicates: number;
};

/** CPU seconds (user + system) used so far by every process in the process groups `groups`. */
function cpuSeconds(groups: number[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command (which may hold spaces): state ppid pgrp … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (!groups.includes(Number(fields[2]))) continue;
    total += (Number(fields[11]) + Number(fields[12])) / ticks;
  }
  return total;
}

export async function runTopologies(options: {
  /** The server environment of the run (database, secrets, INGEST_RATE_PER_MINUTE…). */
  env: NodeJS.ProcessEnv;
  apps: SeededApp[];
  receiver: ReceiverHandle;
  /** Events a second of the paced step, the same for every topology. */
  rate: number;
  stepMs: number;
  settleMs: number;
  workers: number;
  log: (message: string) => void;
}): Promise<Topology[]> {
  // First arrivals by event id (the webhook-id header), and all of them in arrival order.
  const arrivals = new Map<string, Arrival[]>();
  let duplicates = 0;
  const times: Arrival[] = [];
  options.receiver.onArrivals((batch) => {
    for (const arrival of batch) {
      const list = arrivals.get(arrival.webhookId) ?? [];
      if (list.some((seen) => seen.path === arrival.path)) duplicates++;
      else {
        list.push(arrival);
        times.push(arrival);
      }
      arrivals.set(arrival.webhookId, list);
    }
  });
  const arrived = (results: Sent[]) =>
    results.reduce((sum, sent) => sum + (sent.eventId ? (arrivals.get(sent.eventId)?.length ?? 0) : 0), 0);
  const drain = async (results: Sent[]) => {
    const want = results.filter((sent) => sent.eventId).length * 3;
    const deadline = Date.now() + 120_000;
    while (arrived(results) < want && Date.now() < deadline) {
      await options.receiver.counts();
      await sleep(50);
    }
  };
  let round = 0;
  const pick = () => options.apps[round++ % options.apps.length] as SeededApp;

  const measure = async (label: string, workers: number): Promise<Topology> => {
    const port = await sparePort();
    const env = {
      ...options.env,
      AUTH_URL: `http://127.0.0.1:${port}`,
      DELIVERY_WORKER: workers > 0 ? "off" : "on",
    };
    const server = await startServer({ port, env });
    const started: WorkerHandle[] = [];
    const pool = ingestPool(server.origin, 128);
    const duplicatesBefore = duplicates;
    try {
      for (let i = 0; i < workers; i++) started.push(await startWorkerProcess(env));
      const workerGroups = started.map((worker) => worker.pid);
      options.log(`topology ${label}: warm-up…`);
      await drain(await closedLoop({ pool, concurrency: 16, durationMs: 3000, pick }));
      const cpuStart = { web: cpuSeconds([server.pid]), workers: cpuSeconds(workerGroups) };
      const windowDeliveries = (from: number, to: number) =>
        times.filter((arrival) => arrival.at >= from && arrival.at <= to).length;

      const probeStart = now();
      const probeResults = await closedLoop({ pool, concurrency: 64, durationMs: options.stepMs, pick });
      const probeEnd = now();
      await drain(probeResults);
      const from = probeStart + options.settleMs;
      const probe = {
        eventsPerSecond:
          probeResults.filter((sent) => sent.eventId).length / ((probeEnd - probeStart) / 1000),
        deliveriesPerSecond: windowDeliveries(from, probeEnd) / ((probeEnd - from) / 1000),
      };

      const pacedStart = now();
      const { results, offered } = await paced({
        pool,
        rate: options.rate,
        durationMs: options.stepMs,
        maxInFlight: 256,
        pick,
      });
      const pacedEnd = now();
      await sleep(1000);
      await options.receiver.counts();
      const onTime = arrived(results);
      await drain(results);
      const cpu = {
        web: cpuSeconds([server.pid]) - cpuStart.web,
        workers: cpuSeconds(workerGroups) - cpuStart.workers,
      };
      const accepted = results.filter((sent) => sent.eventId);
      const events = probeResults.filter((sent) => sent.eventId).length + accepted.length;
      const pacedFrom = pacedStart + options.settleMs;
      const latencies = accepted
        .filter((sent) => sent.sentAt >= pacedFrom)
        .flatMap((sent) =>
          (arrivals.get(sent.eventId ?? "") ?? []).map((arrival) => arrival.at - sent.sentAt),
        );
      const deliveriesPerSecond = windowDeliveries(pacedFrom, pacedEnd) / ((pacedEnd - pacedFrom) / 1000);
      const topology: Topology = {
        label,
        workers,
        probe,
        paced: {
          eventsPerSecond: options.rate,
          deliveriesPerSecond,
          latency: summarize(latencies),
          sustained:
            accepted.length >= offered * 0.97 &&
            onTime >= accepted.length * 3 * 0.99 &&
            deliveriesPerSecond >= options.rate * 3 * 0.9,
        },
        cpuMsPerEvent: { web: (cpu.web * 1000) / events, workers: (cpu.workers * 1000) / events },
        duplicates: duplicates - duplicatesBefore,
      };
      options.log(
        `topology ${label}: probe ${probe.eventsPerSecond.toFixed(0)} events/s → ${probe.deliveriesPerSecond.toFixed(0)} deliveries/s; ` +
          `paced ${options.rate} events/s → ${deliveriesPerSecond.toFixed(0)} deliveries/s (${topology.paced.sustained ? "sustained" : "not sustained"}); ` +
          `${cpuText(topology)}`,
      );
      return topology;
    } finally {
      await pool.close();
      await Promise.all(started.map((worker) => worker.stop()));
      await server.stop();
    }
  };

  return [
    await measure("one process (web + in-process worker)", 0),
    await measure(`web + ${options.workers} workers`, options.workers),
  ];
}

function cpuText({ cpuMsPerEvent: { web, workers } }: Topology): string {
  const split = workers > 0 ? ` (web ${web.toFixed(1)} + workers ${workers.toFixed(1)})` : "";
  return `${(web + workers).toFixed(1)} CPU ms/event${split}`;
}

/** The step's rows for the bench's table: [measurement, result, detail]. */
export function topologyRows(topologies: Topology[]): Array<[string, string, string]> {
  const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "—");
  return topologies.flatMap((topology, i) => [
    [
      `${i === 0 ? "6. " : "   "}Topology: ${topology.label}, probe`,
      `${int(topology.probe.eventsPerSecond)} events/s → ${int(topology.probe.deliveriesPerSecond)} deliveries/s`,
      `${cpuText(topology)}${topology.duplicates ? `, ${topology.duplicates} duplicates` : ""}`,
    ],
    [
      `   Topology: ${topology.label}, paced ${int(topology.paced.eventsPerSecond)} events/s`,
      `${int(topology.paced.deliveriesPerSecond)} deliveries/s${topology.paced.sustained ? "" : " NOT sustained"}`,
      `e2e p50 ${topology.paced.latency.p50.toFixed(1)} / p99 ${topology.paced.latency.p99.toFixed(1)} ms`,
    ],
  ]);
}
