import "server-only";
import { and, asc, count, desc, eq, gte, isNotNull, lte, ne, type SQL, sql } from "drizzle-orm";
import type { DisabledFacts } from "@/lib/domain/disabled-facts";
import { webhookLimitReached } from "@/lib/domain/webhook-limit";
import { type Db, db, type Tx } from "../client";
import { apps, deliveryAttempts, type Webhook, webhooks } from "../schema";

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
  | "disabledFacts"
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
 * Inserts a webhook unless the app is full (lib/domain/webhook-limit.ts). The app row is locked (FOR UPDATE) first, so
 * concurrent inserts for one app run one after another and can never exceed the limit.
 */
export async function insertWebhookWithinLimit(
  appId: string,
  values: WebhookRow & { signingSecretEncrypted: string },
  conn?: Db | Tx,
): Promise<InsertOutcome> {
  return (conn ?? (await db())).transaction(async (tx) => {
    const [app] = await tx.select({ id: apps.id }).from(apps).where(eq(apps.id, appId)).for("update");
    if (!app) return { ok: false, reason: "app_gone" };
    const [row] = await tx.select({ n: count() }).from(webhooks).where(eq(webhooks.appId, appId));
    if (webhookLimitReached(row?.n ?? 0)) return { ok: false, reason: "limit_reached" };
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
  conn?: Db | Tx,
): Promise<UpdateOutcome> {
  return (conn ?? (await db())).transaction(async (tx) => {
    if (values.name !== undefined && (await nameTaken(tx, appId, values.name, webhookId))) {
      return { ok: false, reason: "name_taken" };
    }
    const [webhook] = await tx
      .update(webhooks)
      .set({ ...values, ...(values.enabled ? TURNED_ON : {}), updatedAt: new Date() })
      .where(and(eq(webhooks.appId, appId), eq(webhooks.id, webhookId)))
      .returning();
    return webhook ? { ok: true, webhook } : { ok: false, reason: "not_found" };
  });
}

/**
 * What turning a webhook on does besides `enabled`: an automatic disable's reason goes, and a webhook that was
 * off starts a new failure streak (one that stays on keeps its own). The right-hand side reads the row as it
 * was before the update.
 */
const TURNED_ON: {
  disabledReason: null;
  disabledFacts: null;
  disabledAt: null;
  consecutiveFailures: SQL<number>;
  failingSince: SQL<Date | null>;
} = {
  disabledReason: null,
  disabledFacts: null,
  disabledAt: null,
  consecutiveFailures: sql<number>`case when ${webhooks.enabled} then ${webhooks.consecutiveFailures} else 0 end`,
  failingSince: sql<Date | null>`case when ${webhooks.enabled} then ${webhooks.failingSince} else null end`,
};

/** Turns the app's webhook on (the one-click re-enable); undefined when it does not exist. */
export async function enableWebhookRow(
  appId: string,
  webhookId: string,
  conn?: Db | Tx,
): Promise<Webhook | undefined> {
  const [webhook] = await (conn ?? (await db()))
    .update(webhooks)
    .set({ enabled: true, ...TURNED_ON })
    .where(and(eq(webhooks.appId, appId), eq(webhooks.id, webhookId)))
    .returning();
  return webhook;
}

/** A webhook that meets the automatic-disable rule, with its last attempt (for the reason). */
export type FailingWebhook = {
  id: string;
  consecutiveFailures: number;
  failingSince: Date;
  lastStatus: number | null;
  lastError: string | null;
};

/** The rule of docs/delivery.md#automatic-disable: on, failing since `failingSince` or earlier, and at least `minFailures` in a row. */
function failingPastRule(rule: { failingSince: Date; minFailures: number }) {
  return and(
    eq(webhooks.enabled, true),
    gte(webhooks.consecutiveFailures, rule.minFailures),
    lte(webhooks.failingSince, rule.failingSince),
  );
}

/** Enabled webhooks that have failed since `failingSince` (or earlier) at least `minFailures` times in a row. */
export async function findFailingWebhooks(
  rule: { failingSince: Date; minFailures: number },
  conn?: Db,
): Promise<FailingWebhook[]> {
  const handle = conn ?? (await db());
  const last = handle
    .select({ status: deliveryAttempts.responseStatus, error: deliveryAttempts.error })
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.webhookId, webhooks.id))
    .orderBy(desc(deliveryAttempts.startedAt))
    .limit(1)
    .as("last");
  const rows = await handle
    .select({
      id: webhooks.id,
      consecutiveFailures: webhooks.consecutiveFailures,
      failingSince: webhooks.failingSince,
      lastStatus: last.status,
      lastError: last.error,
    })
    .from(webhooks)
    .leftJoinLateral(last, sql`true`)
    .where(failingPastRule(rule))
    .orderBy(asc(webhooks.id));
  return rows.map((row) => ({ ...row, failingSince: row.failingSince ?? rule.failingSince }));
}

/**
 * Turns a webhook off with the reason, if it still meets the rule (a success recorded meanwhile wins).
 * updatedAt is left alone: nothing the user configured has changed. Returns whether it was turned off.
 */
export async function disableFailingWebhook(
  webhookId: string,
  rule: { failingSince: Date; minFailures: number },
  disabled: { reason: string; facts: DisabledFacts; at: Date },
  conn?: Db,
): Promise<boolean> {
  const handle = conn ?? (await db());
  const rows = await handle
    .update(webhooks)
    .set({
      enabled: false,
      disabledReason: disabled.reason,
      disabledFacts: disabled.facts,
      disabledAt: disabled.at,
    })
    .where(and(eq(webhooks.id, webhookId), failingPastRule(rule)))
    .returning({ id: webhooks.id });
  return rows.length > 0;
}

/** A webhook turned off automatically, for the owners' notice. */
export type AutoDisabledWebhook = {
  webhookId: string;
  webhookName: string;
  appKey: string;
  appName: string;
  disabledAt: Date | null;
  reason: string;
};

/** The team's webhooks that are off because of the automatic-disable rule, most recent first. */
export async function listAutoDisabledWebhooks(teamId: string): Promise<AutoDisabledWebhook[]> {
  const rows = await (await db())
    .select({
      webhookId: webhooks.id,
      webhookName: webhooks.name,
      appKey: apps.appKey,
      appName: apps.name,
      disabledAt: webhooks.disabledAt,
      reason: webhooks.disabledReason,
    })
    .from(webhooks)
    .innerJoin(apps, eq(apps.id, webhooks.appId))
    .where(and(eq(apps.teamId, teamId), eq(webhooks.enabled, false), isNotNull(webhooks.disabledReason)))
    .orderBy(desc(webhooks.disabledAt), asc(webhooks.name));
  return rows.map((row) => ({ ...row, reason: row.reason ?? "" }));
}

export async function deleteWebhookRow(appId: string, webhookId: string, conn?: Db | Tx): Promise<boolean> {
  const rows = await (conn ?? (await db()))
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
