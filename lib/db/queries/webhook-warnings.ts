import "server-only";
import { and, asc, eq, gte } from "drizzle-orm";
import { type Db, db } from "../client";
import { webhookWarnings as warnings, webhooks } from "../schema";

/** A webhook's standing warning: the latest configuration error reported by its service. */
export type WebhookWarningView = {
  webhookId: string;
  /** A sentence with the service's own message, e.g. "DingTalk rejected the message: keywords not in content — …". */
  message: string;
  /** The attempt's time. */
  at: Date;
  /** The delivery that was rejected (it may since have been purged). */
  deliveryId: string | null;
};

/**
 * The warnings of an app's webhooks (at most one each, oldest webhook first). A warning lasts until a later
 * delivery to the webhook succeeds; one older than the webhook's last edit is not shown (the edit may have
 * fixed it: the next delivery will tell).
 */
export async function webhookWarnings(appId: string, conn?: Db): Promise<WebhookWarningView[]> {
  const handle = conn ?? (await db());
  return handle
    .select({
      webhookId: warnings.webhookId,
      message: warnings.message,
      at: warnings.at,
      deliveryId: warnings.deliveryId,
    })
    .from(warnings)
    .innerJoin(webhooks, eq(webhooks.id, warnings.webhookId))
    .where(and(eq(webhooks.appId, appId), gte(warnings.at, webhooks.updatedAt)))
    .orderBy(asc(webhooks.createdAt));
}
