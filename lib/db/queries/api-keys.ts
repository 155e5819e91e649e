import { and, desc, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { db } from "../client";
import { type ApiKey, apiKeys, users } from "../schema";

export async function insertApiKey(values: {
  teamId: string;
  name: string;
  role: ApiKey["role"];
  prefix: string;
  keyHash: string;
  createdBy: string;
}): Promise<ApiKey> {
  const [key] = await (await db()).insert(apiKeys).values(values).returning();
  if (!key) throw new Error("insert returned no row");
  return key;
}

export type ApiKeyListItem = Omit<ApiKey, "keyHash"> & { createdByName: string | null };

/** The team's keys that are not revoked, newest first (never the hash). */
export async function listApiKeys(teamId: string): Promise<ApiKeyListItem[]> {
  const rows = await (await db())
    .select({ key: apiKeys, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.teamId, teamId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(({ key: { keyHash: _hash, ...key }, createdByName }) => ({ ...key, createdByName }));
}

export async function revokeApiKeyRow(teamId: string, id: string, now: Date): Promise<boolean> {
  const rows = await (await db())
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.teamId, teamId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** No rate limit: the found key with no wait (the shape of a take, lib/api/rate-limiter.ts). */
const noTake = (keys: SQL) => sql`select id as api_key_id, 0::float8 as wait_ms from ${keys}`;

/**
 * The unrevoked key with this hash and, in the same statement, `take` over it (a statement over a FROM item with
 * an `id` column, returning `api_key_id` and `wait_ms`: the API's rate limit, lib/api/rate-limiter.ts), so the
 * key check and the rate limit cost one round trip.
 */
export async function findActiveApiKey(
  keyHash: string,
  take: (keys: SQL) => SQL = noTake,
): Promise<(Pick<ApiKey, "id" | "teamId" | "role"> & { waitMs: number }) | undefined> {
  const result = await (await db()).execute(sql`
    with key as (
      select id, team_id, role from api_keys where key_hash = ${keyHash} and revoked_at is null limit 1
    ), take as (${take(sql`key`)})
    select key.id, key.team_id, key.role, take.wait_ms from key left join take on take.api_key_id = key.id`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
    id: string;
    team_id: string;
    role: ApiKey["role"];
    wait_ms: number | null;
  }>;
  const row = rows[0];
  return row && { id: row.id, teamId: row.team_id, role: row.role, waitMs: Number(row.wait_ms ?? 0) };
}

/** Records use, at most once a minute per key (keeps hot API paths from writing on every request). */
export async function touchApiKey(id: string, now: Date): Promise<void> {
  await (await db())
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
}
