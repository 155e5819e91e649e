"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { actionUserId } from "@/lib/auth/session";
import type { EditVersionInput, UploadVersionInput } from "@/lib/validation/version";
import { deleteVersion, editVersion, setVersionHidden, uploadVersion } from "@/lib/versions/save-version";

// Roles, team scoping and validation are checked in lib/versions; these only pass the session's user on.

export async function uploadVersionAction(
  appKey: string,
  input: UploadVersionInput,
): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const version = await uploadVersion(await actionUserId(), appKey, input);
    revalidatePath(`/apps/${appKey}`, "layout");
    return { id: version.id };
  });
}

export async function editVersionAction(
  appKey: string,
  versionId: string,
  input: EditVersionInput,
): Promise<ActionResult<{ changed: boolean }>> {
  return runAction(async () => {
    const { changed } = await editVersion(await actionUserId(), appKey, versionId, input);
    if (changed) revalidatePath(`/apps/${appKey}`, "layout");
    return { changed };
  });
}

export async function setVersionHiddenAction(
  appKey: string,
  versionId: string,
  hidden: boolean,
): Promise<ActionResult<{ changed: boolean }>> {
  return runAction(async () => {
    const { changed } = await setVersionHidden(await actionUserId(), appKey, versionId, hidden);
    revalidatePath(`/apps/${appKey}`, "layout");
    return { changed };
  });
}

export async function deleteVersionAction(appKey: string, versionId: string): Promise<ActionResult> {
  return runAction(async () => {
    await deleteVersion(await actionUserId(), appKey, versionId);
    revalidatePath(`/apps/${appKey}`, "layout");
    return null;
  });
}
