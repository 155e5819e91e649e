/**
 * A token bucket per key, in this process's memory: `perMinute` requests a minute on average, bursts up to a
 * tenth of that. Several server processes each allow this much (documented in the README).
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now) {
  const capacity = Math.max(10, Math.ceil(perMinute / 10));
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  /**
   * 0 when `cost` requests may go ahead (and are counted), else the milliseconds until they may: Infinity
   * when `cost` is more than the burst allows at all.
   */
  return function take(key: string, cost = 1): number {
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * refillPerMs);
    bucket.at = t;
    buckets.set(key, bucket);
    if (cost > capacity) return Number.POSITIVE_INFINITY;
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.ceil((cost - bucket.tokens) / refillPerMs);
  };
}
