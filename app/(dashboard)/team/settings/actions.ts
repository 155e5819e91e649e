"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import { updatePayloadTimeZone } from "@/lib/teams/team-settings";
import type { PayloadTimeZoneInput } from "@/lib/validation/team";

/** "Save time zone" on Team settings; answers the zone as stored (an alias becomes its listed name). */
export async function savePayloadTimeZone(
  teamId: string,
  input: PayloadTimeZoneInput,
): Promise<ActionResult<{ timeZone: string }>> {
  return runAction(async () => {
    const team = await updatePayloadTimeZone(await actionUserId(), teamId, input, await actionOrigin());
    revalidatePath("/team/settings");
    return { timeZone: team.payloadTimeZone };
  });
}
