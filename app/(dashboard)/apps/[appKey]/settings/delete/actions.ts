"use server";

import { type ActionResult, runAction } from "@/lib/action-result";
import { deleteApp } from "@/lib/apps/delete-app";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import type { DeleteAppInput } from "@/lib/validation/app-settings";

/**
 * Deletes the app once its name is typed (owners; checked in lib/apps). No revalidation here: the form
 * navigates to My Apps, which is rendered afresh, and re-rendering this page would only find the app gone.
 */
export async function deleteAppAction(
  appKey: string,
  input: DeleteAppInput,
): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const app = await deleteApp(await actionUserId(), appKey, input, await actionOrigin());
    return { name: app.name };
  });
}
