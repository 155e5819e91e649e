/**
 * A token bucket per key, in this process's memory: `perMinute` requests a minute on average, bursts up to a
 * tenth of that. Several server processes each allow this much (documented in the README).
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now) {
  const capacity = Math.max(10, Math.ceil(perMinute / 10));
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  /** 0 when the request may go ahead, else the milliseconds until it may. */
  return function take(key: string): number {
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * refillPerMs);
    bucket.at = t;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / refillPerMs);
  };
}
