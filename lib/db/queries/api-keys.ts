import "server-only";
import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { type Db, database, db, type Tx } from "../client";
import { type ApiKey, apiKeys, users } from "../schema";
import { type TakeParams, takeSql } from "./api-rate-limits";

export async function insertApiKey(
  values: {
    teamId: string;
    name: string;
    role: ApiKey["role"];
    prefix: string;
    keyHash: string;
    createdBy: string;
  },
  conn?: Db | Tx,
): Promise<ApiKey> {
  const [key] = await (conn ?? (await db())).insert(apiKeys).values(values).returning();
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

/**
 * Revokes the team's key if its access is one of `roles` (what the revoker may revoke): "revoked" (with the key), "forbidden"
 * when the key exists with another access, "missing" when the team has no such unrevoked key.
 */
export async function revokeApiKeyRow(
  teamId: string,
  id: string,
  roles: readonly ApiKey["role"][],
  now: Date,
  conn?: Db | Tx,
): Promise<{ outcome: "revoked"; key: ApiKey } | { outcome: "forbidden" } | { outcome: "missing" }> {
  const handle = conn ?? (await db());
  const live = and(eq(apiKeys.id, id), eq(apiKeys.teamId, teamId), isNull(apiKeys.revokedAt));
  const [key] = await handle
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(live, inArray(apiKeys.role, [...roles])))
    .returning();
  if (key) return { outcome: "revoked", key };
  const [other] = await handle.select({ id: apiKeys.id }).from(apiKeys).where(live).limit(1);
  return other ? { outcome: "forbidden" } : { outcome: "missing" };
}

const FIND_KEY =
  "select id, team_id, role from api_keys where key_hash = $1::text and revoked_at is null limit 1";

/** The key check alone, and with the API's rate limit over the found key (lib/api/rate-limiter.ts). */
const FIND = `${FIND_KEY}`;
const FIND_AND_TAKE = `
  with key as (${FIND_KEY}), take as (${takeSql("key", "$2", "$3")})
  select key.id, key.team_id, key.role, take.wait_ms from key left join take on take.api_key_id = key.id`;

/**
 * The unrevoked key with this hash and, when `take` is given, a take from its rate limit in the same statement
 * (one round trip, prepared on Postgres: it runs on every API request). `waitMs` is 0 without a take.
 */
export async function findActiveApiKey(
  keyHash: string,
  take?: TakeParams,
): Promise<(Pick<ApiKey, "id" | "teamId" | "role"> & { waitMs: number }) | undefined> {
  const handle = await database();
  const [row] = await handle.query<{
    id: string;
    team_id: string;
    role: ApiKey["role"];
    wait_ms?: number | null;
  }>(take ? FIND_AND_TAKE : FIND, take ? [keyHash, take.costMs, take.capacityMs] : [keyHash]);
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
