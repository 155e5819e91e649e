import "server-only";
import { randomBytes } from "node:crypto";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { created, recordAudit } from "@/lib/audit/record";
import { requireTeam } from "@/lib/auth/access";
import { sha256 } from "@/lib/crypto/tokens";
import { transaction } from "@/lib/db/client";
import { findActiveApiKey, insertApiKey, revokeApiKeyRow, touchApiKey } from "@/lib/db/queries/api-keys";
import type { TakeParams } from "@/lib/db/queries/api-rate-limits";
import { can, ROLES, type Role } from "@/lib/domain/roles";
import { forbidden, invalid, notFound, text } from "@/lib/errors";
import { createApiKeyInput } from "@/lib/validation/api-key";
import { parseInput } from "@/lib/validation/parse";
import { uuid } from "@/lib/validation/team";

const KEY_PREFIX = "ahk_";
const VISIBLE = 12;

export const GRANT_ROLE_MESSAGE = text("apiKey.grantRole");

/**
 * Admins and owners create keys with a role up to their own (`can.grantRole`); the key is returned once,
 * only its SHA-256 is stored (the audit log records its name and access, never the key).
 */
export async function createApiKey(
  userId: string,
  teamId: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<{ key: string; prefix: string; name: string; role: Role }> {
  const { name, role } = parseInput(createApiKeyInput, input);
  const { role: creatorRole } = await requireTeam(userId, teamId, "admin");
  if (!can.grantRole(creatorRole, role)) throw invalid({ role: GRANT_ROLE_MESSAGE });
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, VISIBLE);
  await transaction(async (tx) => {
    const row = await insertApiKey(
      { teamId, name, role, prefix, keyHash: sha256(key), createdBy: userId },
      tx,
    );
    await recordAudit(tx, userId, origin, {
      teamId,
      kind: "api_key.created",
      target: { id: row.id, name },
      changes: created({ name, role }, ["name", "role"]),
    });
  });
  return { key, prefix, name, role };
}

export const REVOKE_ROLE_MESSAGE = text("apiKey.revokeRole");

/**
 * Admins and owners revoke keys, each only a key they could have created (`can.grantRole`): an admin cannot
 * revoke an Owner key. The key's access is checked in the revoking statement itself.
 */
export async function revokeApiKey(
  userId: string,
  teamId: string,
  keyId: string,
  origin: Origin = NO_ORIGIN,
): Promise<void> {
  const { role } = await requireTeam(userId, teamId, "admin");
  const id = uuid.safeParse(keyId);
  if (!id.success) throw notFound("API key");
  const revocable = ROLES.filter((keyRole) => can.grantRole(role, keyRole));
  await transaction(async (tx) => {
    const revoked = await revokeApiKeyRow(teamId, id.data, revocable, new Date(), tx);
    if (revoked.outcome === "missing") throw notFound("API key");
    if (revoked.outcome === "forbidden") throw forbidden(REVOKE_ROLE_MESSAGE);
    await recordAudit(tx, userId, origin, {
      teamId,
      kind: "api_key.revoked",
      target: { id: revoked.key.id, name: revoked.key.name },
      changes: [{ field: "role", from: revoked.key.role, to: null }],
    });
  });
}

export type AuthenticatedKey = { keyId: string; teamId: string; role: Role; waitMs: number };

/**
 * The key behind an `Authorization: Bearer <key>` header (with its team and role), or null. With `take` (a take from the
 * API's rate limit, lib/api/rate-limiter.ts), the key's rate limit is taken in the same statement: `waitMs` is 0 when the request may go ahead, else how long until it may.
 */
export async function authenticateApiKey(
  authorization: string | null,
  take?: TakeParams,
): Promise<AuthenticatedKey | null> {
  const match = /^Bearer\s+(ahk_[A-Za-z0-9_-]{20,100})\s*$/.exec(authorization ?? "");
  if (!match?.[1]) return null;
  const key = await findActiveApiKey(sha256(match[1]), take);
  return key ? { keyId: key.id, teamId: key.teamId, role: key.role, waitMs: key.waitMs } : null;
}

/** When this process last recorded each key's use: "Last used" is kept to the minute, so once a minute is enough. */
const recordedAt = new Map<string, number>();
const RECORD_EVERY_MS = 60_000;

/**
 * Records a key's use ("Last used", to the minute); called once a request succeeded, so a refused one stores
 * nothing. At most one write a minute per key and process: a busy key costs no round trip per request.
 */
export async function recordApiKeyUse(keyId: string, now = new Date()): Promise<void> {
  const last = recordedAt.get(keyId);
  if (last !== undefined && now.getTime() - last < RECORD_EVERY_MS) return;
  await touchApiKey(keyId, now);
  if (recordedAt.size > 10_000) recordedAt.clear();
  recordedAt.set(keyId, now.getTime());
}
