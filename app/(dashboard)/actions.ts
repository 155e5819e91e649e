"use server";

import { getLocale } from "next-intl/server";
import { type ActionResult, runAction } from "@/lib/action-result";
import { requireTeam } from "@/lib/auth/access";
import { actionUserId, rememberTeam } from "@/lib/auth/session";
import { createTeam } from "@/lib/teams/members";

/** The team switcher: only a team the user belongs to can be chosen. */
export async function switchTeam(teamId: string): Promise<ActionResult> {
  return runAction(async () => {
    const userId = await actionUserId();
    await requireTeam(userId, teamId);
    await rememberTeam(teamId);
    return null;
  });
}

export async function createTeamAction(input: { name: string }): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const team = await createTeam(await actionUserId(), input, await getLocale());
    await rememberTeam(team.id);
    return { id: team.id };
  });
}
