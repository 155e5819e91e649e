/** The bench's results: their shape, the printed table and the markdown summary. */
import type { Machine } from "./machine";
import { type MemoryResults, memoryRows } from "./memory";
import { ms, type Summary } from "./stats";

export type Step = {
  label: string;
  /** Events a second offered (paced). */
  eventsPerSecond: number;
  offered: number;
  accepted: number;
  /** Sends that slipped because 256 requests were already waiting. */
  late: number;
  /** Deliveries that arrived a second, after the settle time. */
  deliveriesPerSecond: number;
  /** End to end: receiver's arrival − when the ingest request was sent, ms. */
  latency: Summary;
  ingestLatency: Summary;
  sustained: boolean;
};

type Ingest = { concurrency: number; eventsPerSecond: number; errors: number; latency: Summary };

export type Results = {
  date: string;
  machine: Machine;
  config: Record<string, unknown> & { quick: boolean; apps: number };
  raw: { requestsPerSecond: number; latency: Summary };
  ingest: Ingest;
  probe: { eventsPerSecond: number; deliveriesPerSecond: number };
  fanout: { steps: Step[]; max: Step; half: Step; ratioToRaw: number };
  isolation: { step: Step; baselineP99: number; change: number };
  scale: {
    apps: number;
    ingest: Ingest;
    page: Summary;
    small: { apps: number; ingest: Ingest; page: Summary };
  } | null;
  duplicates: number;
  /** Resident memory of the server's processes (absent in results from before it was measured). */
  memory?: MemoryResults;
  seconds: number;
};

const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "—");
const pct = (value: number) => `${value >= 0 ? "+" : ""}${(value * 100).toFixed(0)} %`;
const lat = (summary: Summary) =>
  `p50 ${ms(summary.p50)} / p95 ${ms(summary.p95)} / p99 ${ms(summary.p99)} ms`;

function rows(results: Results): Array<[string, string, string]> {
  const { raw, ingest, fanout, isolation, scale } = results;
  const list: Array<[string, string, string]> = [
    [
      "1. Raw limit (undici keep-alive → receiver)",
      `${int(raw.requestsPerSecond)} requests/s`,
      "the ceiling",
    ],
    [
      `2. Ingest (concurrency ${ingest.concurrency})`,
      `${int(ingest.eventsPerSecond)} events/s`,
      `${lat(ingest.latency)}${ingest.errors ? `, ${ingest.errors} errors` : ""}`,
    ],
    [
      `3. Fan-out max (${int(fanout.max.eventsPerSecond)} events/s × 3)${fanout.max.sustained ? "" : " NOT sustained"}`,
      `${int(fanout.max.deliveriesPerSecond)} deliveries/s`,
      `e2e ${lat(fanout.max.latency)}; ${(fanout.ratioToRaw).toFixed(3)} × raw`,
    ],
    [
      `   Fan-out at half (${int(fanout.half.eventsPerSecond)} events/s)`,
      `${int(fanout.half.deliveriesPerSecond)} deliveries/s`,
      `e2e ${lat(fanout.half.latency)}`,
    ],
    [
      "4. Isolation (half rate, 1 of 3 webhooks hangs)",
      `healthy p99 ${ms(isolation.step.latency.p99)} ms`,
      `vs ${ms(isolation.baselineP99)} ms all healthy (${pct(isolation.change)}); e2e ${lat(isolation.step.latency)}`,
    ],
  ];
  if (scale) {
    list.push(
      [
        `5. Scale: ingest p99, ${int(scale.apps)} vs ${scale.small.apps} apps`,
        `${ms(scale.ingest.latency.p99)} vs ${ms(scale.small.ingest.latency.p99)} ms`,
        `× ${(scale.ingest.latency.p99 / scale.small.ingest.latency.p99).toFixed(2)}; ${int(scale.ingest.eventsPerSecond)} vs ${int(scale.small.ingest.eventsPerSecond)} events/s`,
      ],
      [
        "   Scale: Webhook settings page (p50 / p95)",
        `${ms(scale.page.p50)} / ${ms(scale.page.p95)} vs ${ms(scale.small.page.p50)} / ${ms(scale.small.page.p95)} ms`,
        `× ${(scale.page.p50 / scale.small.page.p50).toFixed(2)} (p50)`,
      ],
    );
  }
  list.push(...memoryRows(results.memory));
  return list;
}

export function renderTable(results: Results): string {
  const list = rows(results);
  const widths = [0, 1, 2].map((i) => Math.max(...list.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ");
  const m = results.machine;
  return [
    `AppHooks bench ${results.date} — ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, Node ${m.node}, ${m.database}; load average ${m.load.start} → ${m.load.end}`,
    ...list.map(line),
    `fan-out steps: ${results.fanout.steps
      .map(
        (step) =>
          `${int(step.eventsPerSecond)} ev/s → ${int(step.deliveriesPerSecond)} d/s${step.sustained ? " ✓" : " ✗"}`,
      )
      .join(", ")}`,
  ].join("\n");
}

export function renderMarkdown(results: Results): string {
  const m = results.machine;
  const table = rows(results).map(([a, b, c]) => `| ${a.trim()} | ${b} | ${c} |`);
  const steps = results.fanout.steps.map(
    (step) =>
      `| ${int(step.eventsPerSecond)} | ${int(step.deliveriesPerSecond)} | ${lat(step.latency)} | ${step.accepted}/${step.offered} | ${step.sustained ? "yes" : "no"} |`,
  );
  return [
    `# AppHooks bench — ${results.date.slice(0, 10)}${results.config.quick ? " (quick)" : ""}`,
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.os}. Database: ${m.database}.`,
    `1-minute load average at the start and the end of the run: ${m.load.start} → ${m.load.end} (anything above 0 was other work competing for the ${m.cores} cores).`,
    `${results.config.apps} apps × 3 webhooks (JSON) to one local receiver process (node:http, one thread);`,
    "production build (`next start`) with its in-process worker, default delivery settings; all on loopback.",
    `Run took ${results.seconds.toFixed(0)} s.`,
    "",
    "| measurement | result | detail |",
    "|---|---|---|",
    ...table,
    "",
    "Fan-out steps (paced; sustained = ≥ 97 % of events accepted on time, deliveries arriving at ≥ 90 % of the offered rate, and ≥ 99 % of them in within 1 s of the end):",
    "",
    "| events/s offered | deliveries/s | end-to-end latency | accepted | sustained |",
    "|---|---|---|---|---|",
    ...steps,
    "",
    `Saturating probe (closed loop, 64 producers): ${int(results.probe.eventsPerSecond)} events/s accepted, ${int(results.probe.deliveriesPerSecond)} deliveries/s.`,
    `Duplicate deliveries seen: ${results.duplicates}.`,
    "",
  ].join("\n");
}
