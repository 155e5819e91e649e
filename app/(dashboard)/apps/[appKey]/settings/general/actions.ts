"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { updateAppSettings } from "@/lib/apps/update-settings";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import type { AppSettingsInput } from "@/lib/validation/app-settings";

/** "Save changes" on Setting → General; answers which fields changed (none: nothing was written). */
export async function saveAppSettings(
  appKey: string,
  input: AppSettingsInput,
): Promise<ActionResult<{ changed: string[] }>> {
  return runAction(async () => {
    const { changes } = await updateAppSettings(
      await actionUserId(),
      appKey,
      input,
      "replace",
      await actionOrigin(),
    );
    if (changes.length > 0) revalidatePath(`/apps/${appKey}`, "layout");
    return { changed: changes.map((change) => change.field) };
  });
}
