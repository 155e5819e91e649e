import "server-only";
import { database } from "@/lib/db/client";
import { type TakeParams, takeFromBucket } from "@/lib/db/queries/api-rate-limits";

/**
 * The public API's rate limit per key (README, INGEST_RATE_PER_MINUTE): a token bucket of `capacity` tokens
 * (a tenth of the per-minute rate, at least 10) refilled at `perMinute` a minute. It lives in the database
 * (table api_rate_limits), so every server process shares one limit, and costs one statement per request, or
 * none of its own when folded into another (the API-key check folds it in: lib/db/queries/api-keys.ts).
 */
export type RateLimit = { perMinute: number; capacity: number };

export function rateLimit(perMinute: number): RateLimit {
  return { perMinute, capacity: Math.max(10, Math.ceil(perMinute / 10)) };
}

export function takeParams(limit: RateLimit, cost: number): TakeParams {
  const msPerToken = 60_000 / limit.perMinute;
  return { costMs: cost * msPerToken, capacityMs: limit.capacity * msPerToken };
}

export type RateLimiter = RateLimit & {
  /**
   * Takes `cost` requests' worth (a batch of N events costs N): 0 when allowed, else the ms to wait; Infinity
   * when `cost` is more than the burst allows at all (nothing is taken).
   */
  take(key: string, cost?: number): Promise<number>;
};

export function createRateLimiter(perMinute: number): RateLimiter {
  const limit = rateLimit(perMinute);
  return {
    ...limit,
    async take(key, cost = 1) {
      if (!Number.isInteger(cost) || cost < 1)
        throw new RangeError(`A take costs at least 1 token, not ${cost}.`);
      if (cost > limit.capacity) return Number.POSITIVE_INFINITY;
      return takeFromBucket(await database(), key, takeParams(limit, cost));
    },
  };
}
