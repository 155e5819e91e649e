"use server";

import { type ActionResult, runAction } from "@/lib/action-result";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId, rememberTeam } from "@/lib/auth/session";
import { acceptInvite } from "@/lib/teams/invites";

export async function acceptInviteAction(token: string): Promise<ActionResult> {
  return runAction(async () => {
    const teamId = await acceptInvite(await actionUserId(), token, await actionOrigin());
    await rememberTeam(teamId);
    return null;
  });
}
