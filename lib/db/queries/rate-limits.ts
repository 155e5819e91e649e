import "server-only";
import { and, count, eq, gte, lt, min } from "drizzle-orm";
import { db } from "../client";
import { rateLimitHits } from "../schema";

/** How many hits `key` has since `since`, and when the oldest of them happened. */
export async function countHits(key: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await (await db())
    .select({ count: count(), oldest: min(rateLimitHits.at) })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), gte(rateLimitHits.at, since)));
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function addHit(key: string, at: Date): Promise<void> {
  const database = await db();
  await database.insert(rateLimitHits).values({ key, at });
}

export async function clearHits(key: string): Promise<void> {
  await (await db()).delete(rateLimitHits).where(eq(rateLimitHits.key, key));
}

/** Deletes hits older than `before` for a key (keeps the table small as it is used). */
export async function pruneHits(key: string, before: Date): Promise<void> {
  await (await db())
    .delete(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), lt(rateLimitHits.at, before)));
}
