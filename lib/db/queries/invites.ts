import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Role } from "@/lib/domain/roles";
import { type Db, db, type Tx } from "../client";
import { type Invite, invites, memberships, teams, users } from "../schema";

export async function insertInvite(
  values: {
    teamId: string;
    role: Role;
    tokenHash: string;
    createdBy: string;
    expiresAt: Date;
  },
  conn?: Db | Tx,
): Promise<Invite> {
  const [invite] = await (conn ?? (await db())).insert(invites).values(values).returning();
  if (!invite) throw new Error("insert returned no row");
  return invite;
}

export type PendingInvite = Invite & { createdByName: string | null };

export async function listPendingInvites(teamId: string, now: Date): Promise<PendingInvite[]> {
  const rows = await (await db())
    .select({ invite: invites, createdByName: users.name })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(
      and(
        eq(invites.teamId, teamId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, now),
      ),
    )
    .orderBy(desc(invites.createdAt));
  return rows.map((row) => ({ ...row.invite, createdByName: row.createdByName }));
}

export async function findInviteByTokenHash(
  tokenHash: string,
): Promise<{ invite: Invite; teamName: string } | undefined> {
  const [row] = await (await db())
    .select({ invite: invites, teamName: teams.name })
    .from(invites)
    .innerJoin(teams, eq(teams.id, invites.teamId))
    .where(eq(invites.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export type AcceptOutcome = "joined" | "already_member" | "unusable";

/** Accepts a still-usable invite once: marks it used and adds the membership, in one transaction. */
export async function acceptInviteRow(
  inviteId: string,
  userId: string,
  now: Date,
  conn?: Db | Tx,
): Promise<AcceptOutcome> {
  return (conn ?? (await db())).transaction(async (tx) => {
    const [invite] = await tx.select().from(invites).where(eq(invites.id, inviteId)).for("update");
    if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt <= now) return "unusable";
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.teamId, invite.teamId), eq(memberships.userId, userId)));
    if (existing) return "already_member";
    await tx.insert(memberships).values({ teamId: invite.teamId, userId, role: invite.role });
    await tx.update(invites).set({ acceptedAt: now, acceptedBy: userId }).where(eq(invites.id, inviteId));
    return "joined";
  });
}

/** Revokes the team's invite unless it was accepted or revoked before; the invite as it is now, or undefined. */
export async function revokeInviteRow(
  teamId: string,
  inviteId: string,
  now: Date,
  conn?: Db | Tx,
): Promise<Invite | undefined> {
  const [invite] = await (conn ?? (await db()))
    .update(invites)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invites.id, inviteId),
        eq(invites.teamId, teamId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
      ),
    )
    .returning();
  return invite;
}
