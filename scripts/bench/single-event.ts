/**
 * The single-event step: one event per request, a closed loop at a fixed number of requests in flight
 * (32, as in the project's goal for single-event ingest), for a fixed time, then the wait until every
 * accepted event's deliveries arrived. The CPU of the server, Postgres, the receiver and the load driver is
 * metered from the first request until the last delivery arrived, so "CPU per event" covers accepting and
 * delivering the same events (see cpu.ts). Used for AppHooks and for the baselines alike.
 */
import type { Pool } from "undici";
import { meterStep, type StepCpu, type StepSets } from "./cpu";
import { closedLoop, type Sent } from "./load";
import type { SeededApp } from "./seed";
import { now, type Summary, summarize } from "./stats";

/** How the run observes deliveries (run.ts owns the receiver's arrivals). */
export type Tracker = {
  track(phase: string): (sent: Sent) => void;
  /** Waits until every delivery of the accepted events arrived (or the drain times out). */
  drain(results: Sent[]): Promise<unknown>;
  /** Arrivals of one event so far. */
  delivered(sent: Sent): number;
  /** Deliveries a second that arrived within the window (after the settle time). */
  measure(results: Sent[], window: { start: number; end: number }): { deliveriesPerSecond: number };
};

export type SingleEvent = {
  label: string;
  concurrency: number;
  seconds: number;
  accepted: number;
  errors: number;
  eventsPerSecond: number;
  deliveriesPerSecond: number;
  /** Time to the 202. */
  ingestLatency: Summary;
  /** Accepted events whose every delivery arrived before the meter stopped (the CPU's denominator). */
  delivered: number;
  cpu: StepCpu;
};

export async function singleEventStep(options: {
  label: string;
  pool: Pool;
  apps: SeededApp[];
  concurrency: number;
  durationMs: number;
  cpu: StepSets;
  tracker: Tracker;
}): Promise<SingleEvent> {
  const { apps, tracker } = options;
  let round = 0;
  const meter = meterStep(options.cpu);
  const start = now();
  const results = await closedLoop({
    pool: options.pool,
    concurrency: options.concurrency,
    durationMs: options.durationMs,
    pick: () => apps[round++ % apps.length] as SeededApp,
    onSent: tracker.track(options.label),
  });
  const end = now();
  await tracker.drain(results);
  const accepted = results.filter((sent) => sent.eventId);
  const perEvent = (sent: Sent) => sent.app.webhooks.length;
  const delivered = accepted.filter((sent) => tracker.delivered(sent) >= perEvent(sent)).length;
  const cpu = meter.stop(delivered);
  const seconds = (end - start) / 1000;
  return {
    label: options.label,
    concurrency: options.concurrency,
    seconds,
    accepted: accepted.length,
    errors: results.length - accepted.length,
    eventsPerSecond: accepted.length / seconds,
    deliveriesPerSecond: tracker.measure(results, { start, end }).deliveriesPerSecond,
    ingestLatency: summarize(accepted.map((sent) => sent.ms)),
    delivered,
    cpu,
  };
}
