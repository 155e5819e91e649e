import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { created, recordAudit } from "@/lib/audit/record";
import { requireTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { newAppKey } from "@/lib/crypto/tokens";
import { transaction } from "@/lib/db/client";
import { insertApp } from "@/lib/db/queries/apps";
import type { App } from "@/lib/db/schema";
import { createAppInput } from "@/lib/validation/app";
import { parseInput } from "@/lib/validation/parse";

/**
 * Admins and owners create apps in their team; each gets a fresh, unguessable app key. Recorded in the audit
 * log with its name, platform and bundle id.
 */
export async function createApp(
  actor: Actor,
  teamId: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<App> {
  const values = parseInput(createAppInput, input);
  await requireTeam(actor, teamId, "admin");
  return transaction(async (tx) => {
    const app = await insertApp({ ...values, appKey: newAppKey(), teamId }, tx);
    await recordAudit(tx, actor, origin, {
      teamId,
      kind: "app.created",
      app,
      changes: created({ name: app.name, platform: app.platform, bundle_id: app.bundleId }, [
        "name",
        "platform",
        "bundle_id",
      ]),
    });
    return app;
  });
}
