import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { type Db, db, type Tx } from "../client";
import { apps, type Webhook, webhooks } from "../schema";

/** The columns a webhook form sets (signing secrets are managed separately). */
export type WebhookRow = Omit<
  Webhook,
  | "id"
  | "appId"
  | "createdAt"
  | "updatedAt"
  | "signingSecretEncrypted"
  | "previousSigningSecretEncrypted"
  | "previousSecretExpiresAt"
  | "disabledReason"
  | "disabledAt"
  | "consecutiveFailures"
  | "failingSince"
>;

export async function listWebhooks(appId: string): Promise<Webhook[]> {
  return (await db())
    .select()
    .from(webhooks)
    .where(eq(webhooks.appId, appId))
    .orderBy(asc(webhooks.createdAt));
}

export async function findWebhook(appId: string, webhookId: string): Promise<Webhook | undefined> {
  const [webhook] = await (await db())
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.appId, appId), eq(webhooks.id, webhookId)))
    .limit(1);
  return webhook;
}

async function nameTaken(tx: Tx, appId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.appId, appId),
        sql`lower(${webhooks.name}) = lower(${name})`,
        exceptId ? ne(webhooks.id, exceptId) : undefined,
      ),
    );
  return (row?.n ?? 0) > 0;
}

export type InsertOutcome =
  | { ok: true; webhook: Webhook }
  | { ok: false; reason: "limit_reached" | "name_taken" | "app_gone" };

/**
 * Inserts a webhook unless the app already has `limit`. The app row is locked (FOR UPDATE) first, so
 * concurrent inserts for one app run one after another and can never exceed the limit.
 */
export async function insertWebhookWithinLimit(
  appId: string,
  values: WebhookRow & { signingSecretEncrypted: string },
  limit: number,
): Promise<InsertOutcome> {
  return (await db()).transaction(async (tx) => {
    const [app] = await tx.select({ id: apps.id }).from(apps).where(eq(apps.id, appId)).for("update");
    if (!app) return { ok: false, reason: "app_gone" };
    const [row] = await tx.select({ n: count() }).from(webhooks).where(eq(webhooks.appId, appId));
    if ((row?.n ?? 0) >= limit) return { ok: false, reason: "limit_reached" };
    if (await nameTaken(tx, appId, values.name)) return { ok: false, reason: "name_taken" };
    const [webhook] = await tx
      .insert(webhooks)
      .values({ ...values, appId })
      .returning();
    if (!webhook) throw new Error("insert returned no row");
    return { ok: true, webhook };
  });
}

export type UpdateOutcome =
  | { ok: true; webhook: Webhook }
  | { ok: false; reason: "not_found" | "name_taken" };

export async function updateWebhookRow(
  appId: string,
  webhookId: string,
  values: Partial<WebhookRow>,
): Promise<UpdateOutcome> {
  return (await db()).transaction(async (tx) => {
    if (values.name !== undefined && (await nameTaken(tx, appId, values.name, webhookId))) {
      return { ok: false, reason: "name_taken" };
    }
    const [webhook] = await tx
      .update(webhooks)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(webhooks.appId, appId), eq(webhooks.id, webhookId)))
      .returning();
    return webhook ? { ok: true, webhook } : { ok: false, reason: "not_found" };
  });
}

export async function deleteWebhookRow(appId: string, webhookId: string): Promise<boolean> {
  const rows = await (await db())
    .delete(webhooks)
    .where(and(eq(webhooks.appId, appId), eq(webhooks.id, webhookId)))
    .returning({ id: webhooks.id });
  return rows.length > 0;
}

/** The app's webhook, locked until the transaction ends (a rotation runs against the current secret). */
export async function lockWebhook(tx: Tx, appId: string, webhookId: string): Promise<Webhook | undefined> {
  const [webhook] = await tx
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.appId, appId), eq(webhooks.id, webhookId)))
    .for("update");
  return webhook;
}

export type SigningSecrets = Pick<
  Webhook,
  "signingSecretEncrypted" | "previousSigningSecretEncrypted" | "previousSecretExpiresAt"
>;

/** Stores the webhook's Standard Webhooks secrets (encrypted): the current one and, during a rotation, the previous. */
export async function setSigningSecrets(
  tx: Db | Tx,
  appId: string,
  webhookId: string,
  secrets: SigningSecrets,
): Promise<Webhook | undefined> {
  const [webhook] = await tx
    .update(webhooks)
    .set({ ...secrets, updatedAt: new Date() })
    .where(and(eq(webhooks.appId, appId), eq(webhooks.id, webhookId)))
    .returning();
  return webhook;
}
