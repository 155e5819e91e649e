import "server-only";
import { requireTeam } from "@/lib/auth/access";
import { endSessionsOfUser } from "@/lib/auth/sessions";
import { changeMembership, insertTeam, listTeamsForUser } from "@/lib/db/queries/teams";
import type { Team } from "@/lib/db/schema";
import { defaultPayloadTimeZone } from "@/lib/domain/time-zones";
import { AppError, notFound, text } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { createTeamInput, role as roleSchema, uuid } from "@/lib/validation/team";

/** Why the last owner's role cannot be changed and they cannot be removed (the members page says it too). */
export const LAST_OWNER_MESSAGE = text("team.lastOwner");

async function change(userId: string, teamId: string, memberId: string, role: unknown): Promise<void> {
  await requireTeam(userId, teamId, "owner");
  const id = uuid.safeParse(memberId);
  if (!id.success) throw notFound("Member");
  const newRole = role === null ? null : parseInput(roleSchema, role);
  const outcome = await changeMembership(teamId, id.data, newRole);
  if (outcome === "not_found") throw notFound("Member");
  if (outcome === "last_owner") {
    throw new AppError("conflict", LAST_OWNER_MESSAGE);
  }
}

/** Owners change roles; the last owner cannot be demoted. */
export function changeMemberRole(userId: string, teamId: string, memberId: string, role: unknown) {
  return change(userId, teamId, memberId, role);
}

/**
 * Owners remove members; the last owner cannot be removed. A member removed from their last team is signed
 * out everywhere: nothing they had open in AppHooks is theirs to see any more.
 */
export async function removeMember(userId: string, teamId: string, memberId: string): Promise<void> {
  await change(userId, teamId, memberId, null);
  if ((await listTeamsForUser(memberId)).length === 0) await endSessionsOfUser(memberId);
}

/** "New team": the user is its owner; its payload time zone follows their dashboard language (`locale`). */
export async function createTeam(userId: string, input: unknown, locale: string | null): Promise<Team> {
  const { name } = parseInput(createTeamInput, input);
  return insertTeam(userId, name, defaultPayloadTimeZone(locale));
}
