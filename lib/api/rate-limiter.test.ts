import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { db } from "@/lib/db/client";
import { apiKeys, apiRateLimits } from "@/lib/db/schema";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeUser } from "@/test/factories";
import { createRateLimiter, rateLimit } from "./rate-limiter";

// 12 a minute: a burst of 10, then one token every 5 s (slow enough that a loaded machine cannot refill one
// during a test: waits are checked with a second of slack). Time passing is simulated by moving a bucket's arrival time back.
const PER_MINUTE = 12;

async function newKey(): Promise<string> {
  const { user, team } = await makeUser();
  await createApiKey(user.id, team.id, { name: "CI" });
  const [key] = await (await db()).select().from(apiKeys).where(eq(apiKeys.teamId, team.id));
  if (!key) throw new Error("no key");
  return key.id;
}

async function elapse(keyId: string, ms: number): Promise<void> {
  await (await db())
    .update(apiRateLimits)
    .set({ tat: sql`${apiRateLimits.tat} - ${ms}::float8 * interval '1 millisecond'` })
    .where(eq(apiRateLimits.apiKeyId, keyId));
}

test("the burst is a tenth of the per-minute rate, at least 10", () => {
  expect(rateLimit(12).capacity).toBe(10);
  expect(rateLimit(6000).capacity).toBe(600);
  expect(rateLimit(6001).capacity).toBe(601);
});

describe.each(dbTargets())("API rate limiter (%s)", (kind) => {
  useTestDatabase(kind);

  test("a burst of 10 goes through, the 11th waits for the next token (5 s); time refills it", async () => {
    const limiter = createRateLimiter(PER_MINUTE);
    const key = await newKey();
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) waits.push(await limiter.take(key));
    expect(waits).toEqual(Array(10).fill(0));
    const wait = await limiter.take(key);
    expect(wait).toBeGreaterThan(3000);
    expect(wait).toBeLessThanOrEqual(5000);
    // A refused take costs nothing: still one token's wait.
    expect(await limiter.take(key)).toBeLessThanOrEqual(5000);
    await elapse(key, 5000);
    expect(await limiter.take(key)).toBe(0);
    expect(await limiter.take(key)).toBeGreaterThan(3000);
    // A full minute idle: the bucket is full again, never fuller.
    await elapse(key, 600_000);
    for (let i = 0; i < 10; i++) expect(await limiter.take(key)).toBe(0);
    expect(await limiter.take(key)).toBeGreaterThan(0);
  });

  test("a take of N costs N; one that does not fit waits for the missing tokens; over the burst is an error", async () => {
    const limiter = createRateLimiter(PER_MINUTE);
    const key = await newKey();
    expect(await limiter.take(key, 4)).toBe(0);
    expect(await limiter.take(key, 4)).toBe(0);
    // 2 tokens left, 4 asked: 2 more tokens, 10 s.
    const wait = await limiter.take(key, 4);
    expect(wait).toBeGreaterThan(8000);
    expect(wait).toBeLessThanOrEqual(10_000);
    expect(await limiter.take(key, 2)).toBe(0);
    // More than the burst at once can never be allowed: Infinity, and nothing is taken.
    expect(await limiter.take(key, 11)).toBe(Number.POSITIVE_INFINITY);
    await expect(limiter.take(key, 0)).rejects.toThrow(RangeError);
  });

  test("keys are limited separately, and concurrent takes never let more than the burst through", async () => {
    const limiter = createRateLimiter(PER_MINUTE);
    const [a, b] = [await newKey(), await newKey()];
    const waits = await Promise.all(Array.from({ length: 30 }, (_, i) => limiter.take(i % 2 ? a : b)));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(20);
    // Two limiters (as two processes would hold) share the one bucket.
    const other = createRateLimiter(PER_MINUTE);
    expect(await other.take(a)).toBeGreaterThan(0);
  });

  test("buckets are unlogged: a take waits for no WAL flush (migration 0010)", async () => {
    const result = await (await db()).execute(
      sql`select relpersistence from pg_class where relname = 'api_rate_limits'`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
      relpersistence: string;
    }>;
    expect(rows).toEqual([{ relpersistence: "u" }]);
  });

  test("a deleted key takes its bucket with it", async () => {
    const limiter = createRateLimiter(PER_MINUTE);
    const key = await newKey();
    await limiter.take(key);
    const database = await db();
    await database.delete(apiKeys).where(eq(apiKeys.id, key));
    expect(await database.select().from(apiRateLimits).where(eq(apiRateLimits.apiKeyId, key))).toEqual([]);
  });
});
