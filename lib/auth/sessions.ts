import "server-only";
import { randomKey } from "@/lib/crypto/tokens";
import {
  deleteSession,
  deleteSessionsOfUser,
  findLiveSession,
  insertSession,
} from "@/lib/db/queries/sessions";
import { SESSION_MAX_AGE_S } from "./session-lifetime";

/**
 * How long this process trusts its last look-up of a session. Signing out here forgets it at once; a session
 * ended by another process (all devices, from another server) is refused here within this time.
 */
const CHECK_EVERY_MS = 5_000;
const MAX_CACHED = 10_000;
const checked = new Map<string, { userId: string | null; at: number }>();

/** Starts a session for a user who just signed in; its id goes into the session token. */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  const id = randomKey(32);
  await insertSession({ id, userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000) });
  return id;
}

/** Whether the token's session still exists (and belongs to this user): signed out means refused. */
export async function sessionIsLive(id: string, userId: string, now = Date.now()): Promise<boolean> {
  const cached = checked.get(id);
  if (cached && now - cached.at < CHECK_EVERY_MS) return cached.userId === userId;
  const row = await findLiveSession(id);
  if (checked.size >= MAX_CACHED) checked.clear();
  checked.set(id, { userId: row?.userId ?? null, at: now });
  return row?.userId === userId;
}

/** Ends one session (Sign out). */
export async function endSession(id: string): Promise<void> {
  await deleteSession(id);
  checked.delete(id);
}

/** Ends every session of the user but `keep` (Sign out of all devices keeps none). */
export async function endSessionsOfUser(userId: string, keep?: string): Promise<void> {
  for (const id of await deleteSessionsOfUser(userId, keep)) checked.delete(id);
}
