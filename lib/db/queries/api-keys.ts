import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { database, db } from "../client";
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

/** The unrevoked key with this hash: on every API request, so one prepared statement (no query building). */
export async function findActiveApiKey(
  keyHash: string,
): Promise<Pick<ApiKey, "id" | "teamId" | "role"> | undefined> {
  const [key] = await (await database()).query<Pick<ApiKey, "id" | "teamId" | "role">>(
    `select id, team_id as "teamId", role from api_keys where key_hash = $1::text and revoked_at is null limit 1`,
    [keyHash],
  );
  return key;
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
