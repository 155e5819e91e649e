"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import { createInvite, revokeInvite } from "@/lib/teams/invites";
import { changeMemberRole, removeMember } from "@/lib/teams/members";

const PAGE = "/team/members";

export async function createInviteAction(
  teamId: string,
  role: string,
): Promise<ActionResult<{ path: string }>> {
  return runAction(async () => {
    const { token } = await createInvite(await actionUserId(), teamId, role, await actionOrigin());
    revalidatePath(PAGE);
    return { path: `/invite/${token}` };
  });
}

export async function revokeInviteAction(teamId: string, inviteId: string): Promise<ActionResult> {
  return runAction(async () => {
    await revokeInvite(await actionUserId(), teamId, inviteId, await actionOrigin());
    revalidatePath(PAGE);
    return null;
  });
}

export async function changeRoleAction(
  teamId: string,
  memberId: string,
  role: string,
): Promise<ActionResult> {
  return runAction(async () => {
    await changeMemberRole(await actionUserId(), teamId, memberId, role, await actionOrigin());
    revalidatePath(PAGE);
    return null;
  });
}

export async function removeMemberAction(teamId: string, memberId: string): Promise<ActionResult> {
  return runAction(async () => {
    await removeMember(await actionUserId(), teamId, memberId, await actionOrigin());
    revalidatePath(PAGE);
    return null;
  });
}
