import { randomBytes } from "node:crypto";
import { requireTeam } from "@/lib/auth/access";
import { sha256 } from "@/lib/crypto/tokens";
import { findActiveApiKey, insertApiKey, revokeApiKeyRow, touchApiKey } from "@/lib/db/queries/api-keys";
import { notFound } from "@/lib/errors";
import { createApiKeyInput } from "@/lib/validation/api-key";
import { parseInput } from "@/lib/validation/parse";
import { uuid } from "@/lib/validation/team";

const KEY_PREFIX = "ahk_";
const VISIBLE = 12;

/** Admins and owners create keys; the key is returned once, only its SHA-256 is stored. */
export async function createApiKey(
  userId: string,
  teamId: string,
  input: unknown,
): Promise<{ key: string; prefix: string; name: string }> {
  const { name } = parseInput(createApiKeyInput, input);
  await requireTeam(userId, teamId, "admin");
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, VISIBLE);
  await insertApiKey({ teamId, name, prefix, keyHash: sha256(key), createdBy: userId });
  return { key, prefix, name };
}

export async function revokeApiKey(userId: string, teamId: string, keyId: string): Promise<void> {
  await requireTeam(userId, teamId, "admin");
  const id = uuid.safeParse(keyId);
  if (!id.success || !(await revokeApiKeyRow(teamId, id.data, new Date()))) throw notFound("API key");
}

/** The key behind an `Authorization: Bearer <key>` header, or null. */
export async function authenticateApiKey(
  authorization: string | null,
): Promise<{ keyId: string; teamId: string } | null> {
  const match = /^Bearer\s+(ahk_[A-Za-z0-9_-]{20,100})\s*$/.exec(authorization ?? "");
  if (!match?.[1]) return null;
  const key = await findActiveApiKey(sha256(match[1]));
  return key ? { keyId: key.id, teamId: key.teamId } : null;
}

/** Records a key's use ("Last used"); called once a request succeeded, so a refused one stores nothing. */
export async function recordApiKeyUse(keyId: string): Promise<void> {
  await touchApiKey(keyId, new Date());
}
