"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import { updateAlertSettings } from "@/lib/teams/alert-settings";
import type { AlertSettingsInput } from "@/lib/validation/team";

/** "Save notification settings" on Team → Notifications. */
export async function saveAlertSettings(
  teamId: string,
  input: AlertSettingsInput,
): Promise<ActionResult<null>> {
  return runAction(async () => {
    await updateAlertSettings(await actionUserId(), teamId, input, await actionOrigin());
    revalidatePath("/team/notifications");
    return null;
  });
}
