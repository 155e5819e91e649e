"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import type { CreateApiKeyInput } from "@/lib/validation/api-key";

const PAGE = "/team/api-keys";

export async function createApiKeyAction(
  teamId: string,
  input: CreateApiKeyInput,
): Promise<ActionResult<{ key: string; name: string }>> {
  return runAction(async () => {
    const { key, name } = await createApiKey(await actionUserId(), teamId, input, await actionOrigin());
    revalidatePath(PAGE);
    return { key, name };
  });
}

export async function revokeApiKeyAction(teamId: string, keyId: string): Promise<ActionResult> {
  return runAction(async () => {
    await revokeApiKey(await actionUserId(), teamId, keyId, await actionOrigin());
    revalidatePath(PAGE);
    return null;
  });
}
