import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import { requireTeam } from "@/lib/auth/access";
import { endSessionsOfUser } from "@/lib/auth/sessions";
import { transaction } from "@/lib/db/client";
import { changeMembership, insertTeam, listTeamsForUser } from "@/lib/db/queries/teams";
import type { Team } from "@/lib/db/schema";
import { defaultPayloadTimeZone } from "@/lib/domain/time-zones";
import { AppError, notFound, text } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { createTeamInput, role as roleSchema, uuid } from "@/lib/validation/team";

/** Why the last owner's role cannot be changed and they cannot be removed (the members page says it too). */
export const LAST_OWNER_MESSAGE = text("team.lastOwner");

/** Changes the member's role (null: removes them) and records it in the audit log, in one transaction. */
async function change(
  userId: string,
  teamId: string,
  memberId: string,
  role: unknown,
  origin: Origin,
): Promise<void> {
  await requireTeam(userId, teamId, "owner");
  const id = uuid.safeParse(memberId);
  if (!id.success) throw notFound("Member");
  const newRole = role === null ? null : parseInput(roleSchema, role);
  await transaction(async (tx) => {
    const change = await changeMembership(teamId, id.data, newRole, tx);
    if (change.outcome === "not_found") throw notFound("Member");
    if (change.outcome === "last_owner") throw new AppError("conflict", LAST_OWNER_MESSAGE);
    if (change.previous === newRole) return;
    await recordAudit(tx, userId, origin, {
      teamId,
      kind: newRole === null ? "member.removed" : "member.role_changed",
      target: { id: id.data, name: change.name },
      changes: [{ field: "role", from: change.previous, to: newRole }],
    });
  });
}

/** Owners change roles; the last owner cannot be demoted. */
export function changeMemberRole(
  userId: string,
  teamId: string,
  memberId: string,
  role: unknown,
  origin: Origin = NO_ORIGIN,
) {
  return change(userId, teamId, memberId, role, origin);
}

/**
 * Owners remove members; the last owner cannot be removed. A member removed from their last team is signed
 * out everywhere: nothing they had open in AppHooks is theirs to see any more.
 */
export async function removeMember(
  userId: string,
  teamId: string,
  memberId: string,
  origin: Origin = NO_ORIGIN,
): Promise<void> {
  await change(userId, teamId, memberId, null, origin);
  if ((await listTeamsForUser(memberId)).length === 0) await endSessionsOfUser(memberId);
}

/** "New team": the user is its owner; its payload time zone follows their dashboard language (`locale`). */
export async function createTeam(userId: string, input: unknown, locale: string | null): Promise<Team> {
  const { name } = parseInput(createTeamInput, input);
  return insertTeam(userId, name, defaultPayloadTimeZone(locale));
}
