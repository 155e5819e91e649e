// How the dashboard shows sizes, times, rates and latencies.

/**
 * A byte count for people: "46.0 MB", "812 KB", "512 bytes" (1 MB = 1024 × 1024 bytes). Under 1 KB the count
 * is said by `byteCount` (the dashboard passes its translated "{count} bytes").
 */
export function formatSize(bytes: number, byteCount: (count: number) => string = englishBytes): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return byteCount(bytes);
}

const englishBytes = (count: number) => `${count} ${count === 1 ? "byte" : "bytes"}`;

/** `YYYY-MM-DD HH:mm UTC`, as robot messages and stored reasons write times (the dashboard: components/ui/time.tsx). */
export function formatUtc(date: Date): string {
  return `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}

/** A success rate for people: "100%", "99.9%" (rounded down, so a failure never shows as 100%), "—" for none. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  // (The small epsilon keeps 0.999 × 1000 = 998.999… from showing as 99.8%.)
  return `${Math.floor(rate * 1000 + 1e-9) / 10}%`;
}

/** A latency for people: "120 ms", "2.4 s". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
