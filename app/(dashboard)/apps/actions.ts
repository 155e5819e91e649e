"use server";

import { type ActionResult, runAction } from "@/lib/action-result";
import { createApp } from "@/lib/apps/create-app";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import type { CreateAppInput } from "@/lib/validation/app";

/** Creates the app in the given team (the form passes the team it was opened in). */
export async function createAppAction(
  teamId: string,
  input: CreateAppInput,
): Promise<ActionResult<{ appKey: string }>> {
  return runAction(async () => {
    const app = await createApp(await actionUserId(), teamId, input, await actionOrigin());
    return { appKey: app.appKey };
  });
}
