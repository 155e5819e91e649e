/**
 * Resident memory of the AppHooks processes during the bench (README, "Memory"): every process of the
 * server's process group (the `next start` server, its workers when separate), sampled from /proc every
 * second. Each step keeps its peak (the largest VmRSS seen, and VmHWM, the kernel's high-water mark, which
 * catches spikes between samples); the idle figure is the resident size after a quiet pause; the soak fits a
 * least-squares line through the samples of its second half (a leak is a positive slope that does not settle).
 */
import { readdirSync, readFileSync } from "node:fs";
import { sleep } from "./stats";

export type ProcessMemory = { pid: number; name: string; rssMb: number; hwmMb: number };

/** The pid, the command name and VmRSS / VmHWM (MB) of one process, or null once it has exited. */
function readStatus(pid: number): ProcessMemory | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const field = (name: string) => Number(text.match(new RegExp(`^${name}:\\s+(\\d+)`, "m"))?.[1] ?? 0) / 1024;
  // `next start` renames its process "next-server (v…)"; a separate worker runs scripts/worker.ts.
  const command = (() => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      return "";
    }
  })();
  const name = command.startsWith("next-server")
    ? "server"
    : command.includes("worker")
      ? "worker"
      : (text.match(/^Name:\s+(.*)$/m)?.[1] ?? "?");
  return { pid, name, rssMb: field("VmRSS"), hwmMb: field("VmHWM") };
}

/** The processes of a process group (the server is started detached, as the leader of its own group). */
export function groupProcesses(groupId: number): ProcessMemory[] {
  const found: ProcessMemory[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the command's closing parenthesis: state, ppid, pgrp, …
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== groupId) continue;
    const status = readStatus(Number(entry));
    // Kernel threads and zombies have no VmRSS: not an AppHooks process.
    if (status && status.rssMb > 0) found.push(status);
  }
  return found;
}

export type MemoryFigure = {
  /** Resident MB of each process and their sum. */
  processes: Array<{ name: string; rssMb: number; hwmMb: number }>;
  totalMb: number;
};

export type MemoryResults = {
  /** After start-up and the signed-in page loads, before any load (the server's resting size). */
  idle: MemoryFigure | null;
  /** Largest resident size of any step, per process (max of VmRSS samples and VmHWM). */
  peak: MemoryFigure | null;
  /** Peak per step (label → total MB). */
  steps: Array<{ label: string; peakMb: number }>;
  /** After the load, once the queue has drained and a quiet pause. */
  idleAfter: MemoryFigure | null;
  soak: SoakResult | null;
};

export type SoakResult = {
  seconds: number;
  eventsPerSecond: number;
  samples: Array<{ atSeconds: number; totalMb: number }>;
  /** Slope of the least-squares line through the second half's two-minute lows (troughs), MB per minute. */
  slopeMbPerMinute: number;
  thresholdMbPerMinute: number;
  pass: boolean;
};

const figure = (list: ProcessMemory[]): MemoryFigure => ({
  processes: list.map(({ name, rssMb, hwmMb }) => ({ name, rssMb, hwmMb })),
  totalMb: list.reduce((sum, process) => sum + process.rssMb, 0),
});

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * The lowest sample of each `windowSeconds`: a garbage-collected heap is a sawtooth (it grows until a major GC,
 * every one to two minutes under the bench's load, then drops), so a line through every sample depends on where the teeth
 * fall; a leak shows as troughs that keep rising.
 */
export function troughs<T extends { atSeconds: number; totalMb: number }>(
  samples: T[],
  windowSeconds: number,
): T[] {
  const lowest = new Map<number, T>();
  for (const sample of samples) {
    const window = Math.floor(sample.atSeconds / windowSeconds);
    const seen = lowest.get(window);
    if (!seen || sample.totalMb < seen.totalMb) lowest.set(window, sample);
  }
  return [...lowest.values()];
}

/**
 * Samples the server's process group every `intervalMs` while the bench runs. `step(label)` starts a new step
 * (its peak is kept under that label); `idle()` waits for a quiet pause and records the resting size.
 */
export class MemoryWatch {
  private groupId = 0;
  private timer: NodeJS.Timeout | undefined;
  private label = "start-up";
  /** Peak per step label, per process (by pid: a restarted server is a new process). */
  private peaks = new Map<string, Map<number, ProcessMemory>>();
  readonly results: MemoryResults = { idle: null, peak: null, steps: [], idleAfter: null, soak: null };

  constructor(private readonly intervalMs = 1000) {}

  /** Watches the process group of a (re)started server. */
  watch(groupId: number): void {
    this.groupId = groupId;
    this.timer ??= setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  step(label: string): void {
    this.sample();
    this.label = label;
  }

  sample(): ProcessMemory[] {
    if (!this.groupId) return [];
    const list = groupProcesses(this.groupId);
    const peaks = this.peaks.get(this.label) ?? new Map<number, ProcessMemory>();
    for (const process of list) {
      const seen = peaks.get(process.pid);
      peaks.set(process.pid, {
        ...process,
        rssMb: Math.max(seen?.rssMb ?? 0, process.rssMb),
        hwmMb: Math.max(seen?.hwmMb ?? 0, process.hwmMb),
      });
    }
    this.peaks.set(this.label, peaks);
    return list;
  }

  /** Resting size: after `pauseMs` without load (the figure a self-hoster sees between bursts). */
  async idle(which: "idle" | "idleAfter", pauseMs = 10_000): Promise<MemoryFigure> {
    await sleep(pauseMs);
    const result = figure(this.sample());
    this.results[which] = result;
    return result;
  }

  /**
   * Runs `load(durationMs)` (half load) for `seconds`, sampling every `everyMs`; the slope of the second
   * half's two-minute lows (the first half lets caches and the WASM heap reach their working size) must stay
   * under `thresholdMbPerMinute`. Use 600 s or more: its second half then holds three two-minute troughs.
   */
  async soak(options: {
    seconds: number;
    eventsPerSecond: number;
    everyMs?: number;
    thresholdMbPerMinute?: number;
    load: (durationMs: number) => Promise<unknown>;
  }): Promise<SoakResult> {
    const everyMs = options.everyMs ?? 5000;
    const threshold = options.thresholdMbPerMinute ?? 1;
    this.step("soak");
    const samples: SoakResult["samples"] = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      samples.push({ atSeconds: (Date.now() - started) / 1000, totalMb: figure(this.sample()).totalMb });
    }, everyMs);
    try {
      await options.load(options.seconds * 1000);
    } finally {
      clearInterval(sampler);
    }
    const secondHalf = samples.filter((sample) => sample.atSeconds >= options.seconds / 2);
    const slopeMbPerMinute = slope(
      troughs(secondHalf, 120).map((sample) => [sample.atSeconds / 60, sample.totalMb]),
    );
    const result: SoakResult = {
      seconds: options.seconds,
      eventsPerSecond: options.eventsPerSecond,
      samples,
      slopeMbPerMinute,
      thresholdMbPerMinute: threshold,
      pass: Number.isFinite(slopeMbPerMinute) && slopeMbPerMinute <= threshold,
    };
    this.results.soak = result;
    return result;
  }

  /** Stops sampling and fills in the per-step and overall peaks. */
  finish(): MemoryResults {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const overall = new Map<string, ProcessMemory>();
    const steps: MemoryResults["steps"] = [];
    for (const [label, peaks] of this.peaks) {
      // A step's own peak from its samples (VmHWM is since the process started, so it also counts earlier steps).
      steps.push({ label, peakMb: [...peaks.values()].reduce((sum, process) => sum + process.rssMb, 0) });
      for (const sampled of peaks.values()) {
        const process = { ...sampled, rssMb: Math.max(sampled.rssMb, sampled.hwmMb) };
        const seen = overall.get(process.name);
        if (!seen || process.rssMb > seen.rssMb) overall.set(process.name, process);
      }
    }
    this.results.steps = steps;
    this.results.peak = overall.size ? figure([...overall.values()]) : null;
    return this.results;
  }
}

const mb = (value: number) => `${Math.round(value)} MB`;
const perProcess = (value: MemoryFigure) =>
  value.processes.map((process) => `${process.name} ${mb(process.rssMb)}`).join(", ");

/** The report's rows (label, figure, notes) for the memory section. */
export function memoryRows(memory: MemoryResults | undefined): Array<[string, string, string]> {
  if (!memory) return [];
  const list: Array<[string, string, string]> = [];
  if (memory.idle) list.push(["8. Memory idle (resident)", mb(memory.idle.totalMb), perProcess(memory.idle)]);
  if (memory.peak) {
    const busiest = [...memory.steps].sort((a, b) => b.peakMb - a.peakMb)[0];
    list.push([
      "   Memory peak (resident, VmHWM)",
      mb(memory.peak.totalMb),
      `${perProcess(memory.peak)}${busiest ? `; highest in step "${busiest.label}"` : ""}`,
    ]);
  }
  if (memory.idleAfter) {
    list.push(["   Memory idle after the load", mb(memory.idleAfter.totalMb), perProcess(memory.idleAfter)]);
  }
  if (memory.soak) {
    const { soak } = memory;
    const first = soak.samples[0]?.totalMb ?? Number.NaN;
    const last = soak.samples[soak.samples.length - 1]?.totalMb ?? Number.NaN;
    const low = Math.min(...soak.samples.map((sample) => sample.totalMb));
    const high = Math.max(...soak.samples.map((sample) => sample.totalMb));
    list.push([
      `   Soak ${soak.seconds} s at ${Math.round(soak.eventsPerSecond)} events/s`,
      Number.isFinite(soak.slopeMbPerMinute)
        ? `${soak.slopeMbPerMinute >= 0 ? "+" : ""}${soak.slopeMbPerMinute.toFixed(2)} MB/min ${soak.pass ? "PASS" : "FAIL"}`
        : "too short (--soak 600)",
      `slope of the second half's two-minute lows, threshold ${soak.thresholdMbPerMinute} MB/min; samples ${mb(first)} → ${mb(last)}, ${mb(low)}–${mb(high)}`,
    ]);
  }
  return list;
}
