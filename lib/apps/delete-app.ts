import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { transaction } from "@/lib/db/client";
import { deleteAppRow, lockAppInTeam } from "@/lib/db/queries/apps";
import type { App } from "@/lib/db/schema";
import { invalid, notFound, type Text, text } from "@/lib/errors";
import { emit } from "@/lib/events/emit";
import { deleteAppInput } from "@/lib/validation/app-settings";
import { parseInput } from "@/lib/validation/parse";
import { appEventFacts } from "./app-event-facts";

export function confirmNameMessage(name: string): Text {
  return text("app.confirmNameMismatch", { name });
}

/**
 * Setting → Delete (owners, after typing the app's name): emits `appDelete` first, then deletes the app with
 * its versions, webhooks and reports, in one transaction. The event and its deliveries (which carry what
 * sending needs) stay, so the subscribed webhooks still receive it. The audit log keeps the app's name.
 */
export async function deleteApp(
  actor: Actor,
  appKey: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<App> {
  const { app } = await requireApp(actor, appKey, "owner");
  const { confirmName } = parseInput(deleteAppInput, input);
  return transaction(async (tx) => {
    const current = await lockAppInTeam(tx, app.id, app.teamId);
    if (!current) throw notFound("App");
    if (confirmName !== current.name) throw invalid({ confirmName: confirmNameMessage(current.name) });
    await emit(tx, {
      type: "appDelete",
      teamId: current.teamId,
      app: current,
      facts: { ...(await appEventFacts(tx, current)), notes: `App ${current.name} was deleted.`, data: {} },
    });
    if (!(await deleteAppRow(tx, current.id))) throw notFound("App");
    await recordAudit(tx, actor, origin, { teamId: current.teamId, kind: "app.deleted", app: current });
    return current;
  });
}
