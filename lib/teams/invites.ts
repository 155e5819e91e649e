import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import { requireTeam } from "@/lib/auth/access";
import { newToken, sha256 } from "@/lib/crypto/tokens";
import { transaction } from "@/lib/db/client";
import {
  acceptInviteRow,
  findInviteByTokenHash,
  insertInvite,
  revokeInviteRow,
} from "@/lib/db/queries/invites";
import { can, type Role } from "@/lib/domain/roles";
import { AppError, forbidden, notFound, type Text, text } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { role as roleSchema, uuid } from "@/lib/validation/team";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Creates a single-use invite link token (returned once; only its hash is stored). */
export async function createInvite(
  userId: string,
  teamId: string,
  role: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<{ token: string; role: Role; expiresAt: Date }> {
  const granted = parseInput(roleSchema, role);
  const { role: mine } = await requireTeam(userId, teamId, "admin");
  if (!can.grantRole(mine, granted)) throw forbidden(text("team.ownerInvitesOwner"));
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await transaction(async (tx) => {
    const invite = await insertInvite(
      { teamId, role: granted, tokenHash: sha256(token), createdBy: userId, expiresAt },
      tx,
    );
    await recordAudit(tx, userId, origin, {
      teamId,
      kind: "invite.created",
      target: { id: invite.id, name: "" },
      changes: [{ field: "role", from: null, to: granted }],
    });
  });
  return { token, role: granted, expiresAt };
}

export type InvitePreview = {
  teamId: string;
  teamName: string;
  role: Role;
  usable: boolean;
  reason?: Text;
};

export async function previewInvite(token: string, now = new Date()): Promise<InvitePreview> {
  const found = await findInviteByTokenHash(sha256(token));
  if (!found) throw notFound("Invite");
  const { invite, teamName } = found;
  const reason = invite.acceptedAt
    ? text("team.inviteUsed")
    : invite.revokedAt
      ? text("team.inviteRevoked")
      : invite.expiresAt <= now
        ? text("team.inviteExpired")
        : undefined;
  return { teamId: invite.teamId, teamName, role: invite.role, usable: !reason, reason };
}

/** Joins the invite's team with its role (recorded in the team's audit log); returns the team id. */
export async function acceptInvite(
  userId: string,
  token: string,
  origin: Origin = NO_ORIGIN,
  now = new Date(),
): Promise<string> {
  const found = await findInviteByTokenHash(sha256(token));
  if (!found) throw notFound("Invite");
  const { invite } = found;
  const outcome = await transaction(async (tx) => {
    const outcome = await acceptInviteRow(invite.id, userId, now, tx);
    if (outcome === "joined") {
      await recordAudit(tx, userId, origin, {
        teamId: invite.teamId,
        kind: "invite.accepted",
        target: { id: invite.id, name: "" },
        changes: [{ field: "role", from: null, to: invite.role }],
        at: now,
      });
    }
    return outcome;
  });
  if (outcome === "unusable") {
    const preview = await previewInvite(token, now);
    throw new AppError("conflict", preview.reason ?? text("team.inviteUnusable"));
  }
  return found.invite.teamId;
}

export async function revokeInvite(
  userId: string,
  teamId: string,
  inviteId: string,
  origin: Origin = NO_ORIGIN,
): Promise<void> {
  await requireTeam(userId, teamId, "admin");
  const id = uuid.safeParse(inviteId);
  if (!id.success) throw notFound("Invite");
  await transaction(async (tx) => {
    const invite = await revokeInviteRow(teamId, id.data, new Date(), tx);
    if (!invite) throw notFound("Invite");
    await recordAudit(tx, userId, origin, {
      teamId,
      kind: "invite.revoked",
      target: { id: invite.id, name: "" },
      changes: [{ field: "role", from: invite.role, to: null }],
    });
  });
}
