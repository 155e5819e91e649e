/** Latency summaries: nearest-rank percentiles over every sample (no sampling, no smoothing). */
import { performance } from "node:perf_hooks";

/** Milliseconds since the epoch with sub-millisecond precision, comparable with the receiver's clock. */
export const now = (): number => performance.timeOrigin + performance.now();

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  const total = list.reduce((sum, value) => sum + value, 0);
  return {
    n: list.length,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: list.length > 0 ? (list[list.length - 1] ?? Number.NaN) : Number.NaN,
    mean: list.length > 0 ? total / list.length : Number.NaN,
  };
}

/** "12.3" for ms values, "—" when unknown. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "—";
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));
