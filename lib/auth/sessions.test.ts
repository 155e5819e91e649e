import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { memberships, sessions } from "@/lib/db/schema";
import { removeMember } from "@/lib/teams/members";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { addMember, makeTeamWithApp, makeUser } from "@/test/factories";
import { endSession, endSessionsOfUser, sessionIsLive, startSession } from "./sessions";

describe.each(dbTargets())("server-side sessions (%s)", (kind) => {
  useTestDatabase(kind);

  test("a session is live until signed out; it never vouches for another user", async () => {
    const { user } = await makeUser();
    const other = await makeUser();
    const sid = await startSession(user.id);
    expect(await sessionIsLive(sid, user.id)).toBe(true);
    expect(await sessionIsLive(sid, other.user.id)).toBe(false);
    await endSession(sid);
    // At once in this process (the cache forgets it), whatever copy of the token is replayed.
    expect(await sessionIsLive(sid, user.id)).toBe(false);
    expect(await sessionIsLive("no-such-session", user.id)).toBe(false);
  });

  test("a session ended by another process is refused once this process's short check window passes", async () => {
    const { user } = await makeUser();
    const sid = await startSession(user.id);
    const t = Date.now();
    expect(await sessionIsLive(sid, user.id, t)).toBe(true);
    // Another server process deletes it (as its Sign out would).
    await (await db()).delete(sessions);
    expect(await sessionIsLive(sid, user.id, t + 1_000)).toBe(true);
    expect(await sessionIsLive(sid, user.id, t + 6_000)).toBe(false);
  });

  test("sign out of all devices ends every session of the user, and no one else's", async () => {
    const { user } = await makeUser();
    const other = await makeUser();
    const [a, b] = [await startSession(user.id), await startSession(user.id)];
    const theirs = await startSession(other.user.id);
    await endSessionsOfUser(user.id);
    expect(await sessionIsLive(a, user.id)).toBe(false);
    expect(await sessionIsLive(b, user.id)).toBe(false);
    expect(await sessionIsLive(theirs, other.user.id)).toBe(true);
  });

  test("an expired session is refused", async () => {
    const { user } = await makeUser();
    const sid = await startSession(user.id, new Date(Date.now() - 31 * 24 * 60 * 60 * 1000));
    expect(await sessionIsLive(sid, user.id)).toBe(false);
  });

  test("a member removed from their last team is signed out everywhere; one with a team left is not", async () => {
    const { owner, team } = await makeTeamWithApp("owner");
    const leaver = await makeUser("Lee Leaver");
    const stayer = await makeUser("Sam Stayer");
    await addMember(team.id, leaver.user.id, "member");
    await addMember(team.id, stayer.user.id, "member");
    // The leaver belongs to this team only; the stayer keeps their own team.
    await (await db())
      .delete(memberships)
      .where(and(eq(memberships.userId, leaver.user.id), eq(memberships.teamId, leaver.team.id)));
    const leaverSession = await startSession(leaver.user.id);
    const stayerSession = await startSession(stayer.user.id);
    await removeMember(owner.user.id, team.id, leaver.user.id);
    await removeMember(owner.user.id, team.id, stayer.user.id);
    expect(await sessionIsLive(leaverSession, leaver.user.id)).toBe(false);
    expect(await sessionIsLive(stayerSession, stayer.user.id)).toBe(true);
  });
});
