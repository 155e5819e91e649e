"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { transferApp } from "@/lib/apps/transfer-app";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import type { TransferAppInput } from "@/lib/validation/app-settings";

/** Moves the app to another team where the user is an owner (checked in lib/apps). */
export async function transferAppAction(
  appKey: string,
  input: TransferAppInput,
): Promise<ActionResult<{ toTeam: string }>> {
  return runAction(async () => {
    const { toTeam } = await transferApp(await actionUserId(), appKey, input, await actionOrigin());
    revalidatePath("/apps");
    revalidatePath(`/apps/${appKey}`, "layout");
    return { toTeam };
  });
}
