"use server";

import { type ActionResult, runAction } from "@/lib/action-result";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import type { InboxMode } from "@/lib/domain/test-inbox";
import { setInboxMode } from "@/lib/inbox/test-inboxes";

/** "Save answer": what the test inbox answers from now on (admins, checked in lib/). */
export async function saveInboxMode(
  token: string,
  mode: InboxMode,
): Promise<ActionResult<{ mode: InboxMode }>> {
  return runAction(async () => {
    const inbox = await setInboxMode(await actionUserId(), token, { mode }, await actionOrigin());
    return { mode: inbox.mode };
  });
}
