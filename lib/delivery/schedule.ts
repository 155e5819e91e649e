import "server-only";

/**
 * The retry schedule (docs/delivery.md#retries): delays between attempts, e.g. "0,5s,5m,30m,2h,5h,10h,10h".
 * Entry i is the delay before attempt i + 1 (the first entry is the delay of the first attempt, normally 0),
 * so the number of attempts is the number of entries.
 */
export type Schedule = readonly number[];

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses "0,5s,5m,30m,2h" into milliseconds (ms, s, m, h; a bare number is ms). Throws on bad input. */
export function parseSchedule(text: string): Schedule {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.length === 0 || parts.every((part) => part === "")) {
    throw new Error("DELIVERY_RETRY_SCHEDULE must list at least one delay");
  }
  return parts.map((part) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(part);
    if (!match?.[1]) {
      throw new Error(
        `DELIVERY_RETRY_SCHEDULE: "${part}" is not a delay (use a number with ms, s, m or h, e.g. 5m)`,
      );
    }
    return Math.round(Number(match[1]) * (UNITS[match[2] ?? "ms"] ?? 1));
  });
}

/** ±20 % around each scheduled delay. */
export const JITTER = 0.2;

/**
 * The delay in ms before the next attempt, after attempt number `attempt` (1-based) failed temporarily, or
 * null when that was the last attempt of the schedule. The scheduled delay gets ±20 % jitter; a `Retry-After`
 * (ms) is honoured within [scheduled, 2 × scheduled]: the next attempt is never sooner than the Retry-After
 * unless that is over twice the scheduled delay.
 */
export function nextDelay(
  schedule: Schedule,
  attempt: number,
  retryAfterMs?: number | null,
  random: () => number = Math.random,
): number | null {
  const scheduled = schedule[attempt];
  if (scheduled === undefined || attempt < 1) return null;
  const jittered = Math.round(scheduled * (1 + (random() * 2 - 1) * JITTER));
  if (retryAfterMs == null || !Number.isFinite(retryAfterMs)) return jittered;
  return Math.min(Math.max(retryAfterMs, jittered), 2 * scheduled);
}
