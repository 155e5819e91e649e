import "server-only";
import { and, eq, lt, ne } from "drizzle-orm";
import { database, db } from "../client";
import { sessions } from "../schema";

/** Stores a new session, and forgets the user's expired ones (so they never pile up). */
export async function insertSession(values: { id: string; userId: string; expiresAt: Date }): Promise<void> {
  const handle = await db();
  await handle
    .delete(sessions)
    .where(and(eq(sessions.userId, values.userId), lt(sessions.expiresAt, new Date())));
  await handle.insert(sessions).values(values);
}

/** The user of a session that exists and has not expired: checked on every signed-in request (prepared). */
export async function findLiveSession(id: string): Promise<{ userId: string } | undefined> {
  const [row] = await (await database()).query<{ userId: string }>(
    `select user_id as "userId" from sessions where id = $1::text and expires_at > now()`,
    [id],
  );
  return row;
}

export async function deleteSession(id: string): Promise<void> {
  await (await db()).delete(sessions).where(eq(sessions.id, id));
}

/** Deletes the user's sessions, but for `keep` when given; returns the ids deleted. */
export async function deleteSessionsOfUser(userId: string, keep?: string): Promise<string[]> {
  const rows = await (await db())
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}
