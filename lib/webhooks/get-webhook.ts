import "server-only";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { findWebhook } from "@/lib/db/queries/webhooks";
import type { Webhook } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { uuid } from "@/lib/validation/team";

/** The app's webhook, or "not found" (also for a malformed id or another app's webhook). */
export async function requireWebhook(appId: string, webhookId: string): Promise<Webhook> {
  const id = uuid.safeParse(webhookId);
  const webhook = id.success ? await findWebhook(appId, id.data) : undefined;
  if (!webhook) throw notFound("Webhook");
  return webhook;
}

/**
 * A webhook and the caller's access to its app, for viewing (any member) or changing (`admin`). The caller
 * shows its masked URL (lib/webhooks/webhook-view.ts), never its secret.
 */
export async function getWebhook(
  actor: Actor,
  appKey: string,
  webhookId: string,
  minimum: "member" | "admin",
) {
  const access = await requireApp(actor, appKey, minimum);
  return { ...access, webhook: await requireWebhook(access.app.id, webhookId) };
}
