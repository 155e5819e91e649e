import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Role } from "@/lib/domain/roles";
import { type Db, db, type Tx } from "../client";
import { memberships, type Team, teams, users } from "../schema";

export type TeamWithRole = { team: Team; role: Role };

export async function listTeamsForUser(userId: string): Promise<TeamWithRole[]> {
  return (await db())
    .select({ team: teams, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(teams.name));
}

export async function findTeamForUser(userId: string, teamId: string): Promise<TeamWithRole | undefined> {
  const [row] = await (await db())
    .select({ team: teams, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(and(eq(memberships.userId, userId), eq(memberships.teamId, teamId)))
    .limit(1);
  return row;
}

export async function findTeam(teamId: string): Promise<Team | undefined> {
  const [team] = await (await db()).select().from(teams).where(eq(teams.id, teamId)).limit(1);
  return team;
}

/** A new team with its creator as owner; `payloadTimeZone` from defaultPayloadTimeZone (lib/domain/time-zones.ts). */
export async function insertTeam(userId: string, name: string, payloadTimeZone: string): Promise<Team> {
  return (await db()).transaction(async (tx) => {
    const [team] = await tx.insert(teams).values({ name, payloadTimeZone }).returning();
    if (!team) throw new Error("insert returned no row");
    await tx.insert(memberships).values({ teamId: team.id, userId, role: "owner" });
    return team;
  });
}

/** Sets the team's payload time zone (an IANA name validated by the caller); the team as it is now. */
export async function setPayloadTimeZone(
  teamId: string,
  payloadTimeZone: string,
  conn?: Db | Tx,
): Promise<Team | undefined> {
  const [team] = await (conn ?? (await db()))
    .update(teams)
    .set({ payloadTimeZone })
    .where(eq(teams.id, teamId))
    .returning();
  return team;
}

export type Member = { userId: string; name: string; email: string; role: Role; joinedAt: Date };

export async function listMembers(teamId: string): Promise<Member[]> {
  return (await db())
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.teamId, teamId))
    .orderBy(asc(memberships.createdAt));
}

/** Done (with the member's role before and their name), or why not. */
export type MemberChange =
  | { outcome: "done"; previous: Role; name: string }
  | { outcome: "not_found" }
  | { outcome: "last_owner" };

/**
 * Changes a member's role, or removes them (role null), refusing to leave the team without an owner.
 * The team's membership rows are locked so that two concurrent changes cannot both remove the last owner.
 */
export async function changeMembership(
  teamId: string,
  userId: string,
  role: Role | null,
  conn?: Db | Tx,
): Promise<MemberChange> {
  return (conn ?? (await db())).transaction(async (tx) => {
    const rows = await tx
      .select({ userId: memberships.userId, role: memberships.role, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.teamId, teamId))
      .for("update", { of: memberships });
    const target = rows.find((row) => row.userId === userId);
    if (!target) return { outcome: "not_found" };
    const owners = rows.filter((row) => row.role === "owner").length;
    if (target.role === "owner" && role !== "owner" && owners <= 1) return { outcome: "last_owner" };
    const where = and(eq(memberships.teamId, teamId), eq(memberships.userId, userId));
    if (role === null) await tx.delete(memberships).where(where);
    else await tx.update(memberships).set({ role }).where(where);
    return { outcome: "done", previous: target.role, name: target.name };
  });
}
