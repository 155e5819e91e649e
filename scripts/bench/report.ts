/** The bench's results: their shape, the printed table and the markdown summary. */
import type { Baseline } from "./baselines/baselines";
import type { DrainStep } from "./drain";
import type { Machine } from "./machine";
import { type MemoryResults, memoryRows } from "./memory";
import type { SingleEvent } from "./single-event";
import { ms, type Summary } from "./stats";
import { type Topology, topologyRows } from "./topology";

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
  /** Batch ingest: deliveries/s from the first request to the last arrival. */
  batch: {
    size: number;
    concurrency: number;
    requests: number;
    errors: number;
    eventsPerSecond: number;
    deliveries: number;
    deliveriesPerSecond: number;
    ratioToRaw: number;
    /** Per request. */
    latency: Summary;
  };
  /** AppHooks's single-event step (32 in flight) with CPU per event. */
  single: SingleEvent;
  baselines: { skipped: string | null; list: Baseline[] };
  probe: { eventsPerSecond: number; deliveriesPerSecond: number };
  fanout: { steps: Step[]; max: Step; half: Step; ratioToRaw: number };
  isolation: { step: Step; baselineP99: number; change: number };
  scale: {
    apps: number;
    ingest: Ingest;
    page: Summary;
    small: { apps: number; ingest: Ingest; page: Summary };
  } | null;
  /** One process vs web + workers (Postgres only). */
  topology?: Topology[] | null;
  /** The drain step (scripts/bench/drain.ts); absent in older results. */
  drain?: DrainStep | null;
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
  const { raw, ingest, batch, fanout, isolation, scale } = results;
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
      `2b. Batch ingest (${batch.size} events a request, ${batch.concurrency} in flight)`,
      `${int(batch.deliveriesPerSecond)} deliveries/s`,
      `${(batch.ratioToRaw).toFixed(3)} × raw; ${int(batch.eventsPerSecond)} events/s accepted; request ${lat(batch.latency)}${batch.errors ? `, ${batch.errors} errors` : ""}`,
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
  if (results.topology) list.push(...topologyRows(results.topology));
  const { drain } = results;
  if (drain) {
    list.push([
      `7. Drain ${int(drain.rows)} queued (${drain.apps} apps × 3, ${drain.drainer})${drain.missing ? `, ${int(drain.missing)} MISSING` : ""}`,
      `${int(drain.deliveriesPerSecond)} deliveries/s`,
      `Webhook settings page meanwhile p50 ${drain.page ? ms(drain.page.p50) : "—"} / p95 ${drain.page ? ms(drain.page.p95) : "—"} ms` +
        (drain.workerCpuMsPerDelivery === null
          ? ""
          : `; ${drain.workerCpuMsPerDelivery.toFixed(3)} ms CPU per delivery`),
    ]);
  }
  list.push(...memoryRows(results.memory));
  return list;
}

/** Goal 1 of the project's issue 10: CPU per event ≤ 3 ms, events/s ≥ 0.6 × pg-boss's in the same run. */
const GOAL_CPU_MS = 3;
const GOAL_RATIO = 0.6;

const cpuCell = (single: SingleEvent) => {
  const { cpu } = single;
  if (!Number.isFinite(cpu.perEventMs)) return "—";
  return cpu.postgresMs === null
    ? `${cpu.perEventMs.toFixed(2)} ms (server, PGlite inside)`
    : `${cpu.perEventMs.toFixed(2)} ms (${(cpu.serverMs / cpu.events).toFixed(2)} + ${(cpu.postgresMs / cpu.events).toFixed(2)})`;
};

/** Single-event ingest beside the raw limit and the baselines, as in the project's issue 10. */
function comparisonRows(results: Results): string[][] {
  const { raw, single, fanout, baselines } = results;
  const header = [
    "system",
    "events/s (32 in flight)",
    "deliveries/s",
    "× raw",
    "CPU/event (server + Postgres)",
    "e2e p50 / p95 / p99 at half rate",
  ];
  const row = (label: string, step: SingleEvent, half: Step) => [
    label,
    int(step.eventsPerSecond),
    int(step.deliveriesPerSecond),
    (step.deliveriesPerSecond / raw.requestsPerSecond).toFixed(3),
    cpuCell(step),
    `${ms(half.latency.p50)} / ${ms(half.latency.p95)} / ${ms(half.latency.p99)} ms at ${int(half.eventsPerSecond)} ev/s${half.sustained ? "" : " (not sustained)"}`,
  ];
  return [
    header,
    ["raw keep-alive POSTs to the receiver", "–", int(raw.requestsPerSecond), "1.000", "–", "–"],
    ...baselines.list.map((baseline) => row(baseline.label, baseline.single, baseline.half)),
    row("AppHooks (next start, in-process worker)", single, fanout.half),
  ];
}

function goalLines(results: Results): string[] {
  const { single, baselines } = results;
  const boss = baselines.list.find((baseline) => baseline.name === "pg-boss");
  const ratio = boss ? single.eventsPerSecond / boss.single.eventsPerSecond : Number.NaN;
  const cpu = single.cpu;
  const meets = (ok: boolean) => (ok ? "met" : "NOT met");
  return [
    `Goal 1 (single-event ingest): CPU per event ${Number.isFinite(cpu.perEventMs) ? cpu.perEventMs.toFixed(2) : "—"} ms ` +
      `(goal ≤ ${GOAL_CPU_MS} ms: ${meets(cpu.perEventMs <= GOAL_CPU_MS)}); events/s ${boss ? `${ratio.toFixed(2)} × pg-boss's (goal ≥ ${GOAL_RATIO}: ${meets(ratio >= GOAL_RATIO)})` : `vs pg-boss: — (${baselines.skipped ?? "no pg-boss baseline"})`}.`,
    cpuLine("AppHooks", single),
    ...baselines.list.map((baseline) => cpuLine(baseline.name, baseline.single)),
  ];
}

function cpuLine(name: string, step: SingleEvent): string {
  const { cpu } = step;
  const postgres =
    cpu.postgresMs === null
      ? "Postgres inside the server (PGlite)"
      : `Postgres ${int(cpu.postgresMs)} (its database's backends + background processes; every postgres process on the box: ${int(cpu.postgresBoxMs ?? Number.NaN)})`;
  return (
    `${name} step CPU, ms over ${(cpu.wallMs / 1000).toFixed(1)} s, ${step.accepted} events accepted, ${cpu.events} of them delivered` +
    `${step.errors ? ` (${step.errors} errors)` : ""}: server ${int(cpu.serverMs)}, ${postgres}; ` +
    `not counted: receiver ${int(cpu.receiverMs ?? Number.NaN)}, load driver ${int(cpu.driverMs)}.`
  );
}

export function renderTable(results: Results): string {
  const list = rows(results);
  const widths = [0, 1, 2].map((i) => Math.max(...list.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ");
  const comparison = comparisonRows(results);
  const columns = (comparison[0] ?? []).map((_, i) =>
    Math.max(...comparison.map((row) => row[i]?.length ?? 0)),
  );
  const compared = (row: string[]) => row.map((cell, i) => cell.padEnd(columns[i] ?? 0)).join("  ");
  const m = results.machine;
  return [
    `AppHooks bench ${results.date} — ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, Node ${m.node}, ${m.database}; load average ${m.load.start} → ${m.load.end}`,
    ...list.map(line),
    "",
    ...comparison.map(compared),
    ...goalLines(results),
    "",
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
    "Single-event ingest: one event per request, closed loop at 32 in flight, against AppHooks and, in the same run, " +
      "the baselines (same receiver, same Postgres server, same load driver). CPU per event = (server + Postgres CPU, " +
      "utime + stime from /proc, from the first request until the last delivery arrived) ÷ events accepted and delivered; " +
      "Postgres = the backends of the step's database and the server's background processes, told apart by process title " +
      "(every `postgres` process on the box, other engineers' work included, is shown beside it; see scripts/bench/cpu.ts). The e2e latency is at half of each " +
      "system's rate: AppHooks's fan-out at half (of its sustained paced max); each baseline's at half of min(events/s, deliveries/s ÷ 3) of its step.",
    "",
    ...comparisonRows(results).map((row, i) =>
      i === 0 ? `| ${row.join(" | ")} |\n|${row.map(() => "---").join("|")}|` : `| ${row.join(" | ")} |`,
    ),
    "",
    ...goalLines(results),
    ...(results.baselines.skipped ? [`Baselines: ${results.baselines.skipped}.`] : []),
    "",
    `Saturating probe (closed loop, 64 producers): ${int(results.probe.eventsPerSecond)} events/s accepted, ${int(results.probe.deliveriesPerSecond)} deliveries/s.`,
    `Duplicate deliveries seen: ${results.duplicates}.`,
    "",
  ].join("\n");
}
