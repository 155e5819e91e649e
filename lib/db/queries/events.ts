import "server-only";
import { and, arrayContains, desc, eq, sql } from "drizzle-orm";
import type { EventType } from "@/lib/domain/event-catalog";
import type { DeliveryTarget, EventFacts, VersionFacts } from "@/lib/domain/event-facts";
import type { Db, Tx } from "../client";
import { type Version, versions, type Webhook, webhooks } from "../schema";

/** The channel that wakes delivery workers when new work is committed. */
export const DELIVERY_CHANNEL = "apphooks_deliveries";

/**
 * Enabled webhooks of the app that subscribe to this event type, share-locked until the transaction ends: an
 * edit or deletion waits for the event to commit, while concurrent events of one app do not wait for each other.
 */
export async function subscribedWebhooks(tx: Tx, appId: string, type: EventType): Promise<Webhook[]> {
  return tx
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.appId, appId), eq(webhooks.enabled, true), arrayContains(webhooks.events, [type])))
    .orderBy(webhooks.id) // one lock order for concurrent emits
    .for("share");
}

/**
 * Gives a webhook made before signing secrets existed its first one (emit, once per such webhook). Two events
 * racing on that very first emit may deadlock on the share lock: Postgres aborts one, which is not acknowledged.
 */
export async function setSigningSecret(tx: Tx, webhookId: string, encrypted: string): Promise<void> {
  await tx.update(webhooks).set({ signingSecretEncrypted: encrypted }).where(eq(webhooks.id, webhookId));
}

/**
 * Stores the event and its deliveries and notifies workers (NOTIFY is delivered when the transaction commits),
 * in one statement: the hot path of every producer.
 */
export async function insertEventWithDeliveries(
  tx: Tx,
  event: { id: string; teamId: string; appId: string; type: EventType; facts: EventFacts },
  targets: Array<{ webhookId: string; target: DeliveryTarget }>,
): Promise<void> {
  const inserted = sql`insert into events (id, team_id, app_id, type, facts)
    values (${event.id}, ${event.teamId}::uuid, ${event.appId}::uuid, ${event.type}, ${JSON.stringify(event.facts)}::jsonb)
    returning id`;
  if (targets.length === 0) {
    await tx.execute(inserted);
    return;
  }
  const rows = sql.join(
    targets.map(({ webhookId, target }) => sql`(${webhookId}::uuid, ${JSON.stringify(target)}::jsonb)`),
    sql`, `,
  );
  await tx.execute(sql`
    with e as (${inserted}),
    d as (
      insert into deliveries (event_id, webhook_id, app_id, target)
      select e.id, v.webhook_id, ${event.appId}::uuid, v.target
      from e cross join (values ${rows}) as v (webhook_id, target)
    )
    select pg_notify(${DELIVERY_CHANNEL}, '') from e`);
}

export function versionFacts(version: Version): VersionFacts {
  return {
    version: version.version,
    build: version.build,
    sizeBytes: version.sizeBytes,
    notes: version.notes,
    createdAt: version.createdAt.toISOString(),
    updatedAt: version.updatedAt.toISOString(),
  };
}

/** The app's latest visible version, for events that concern no particular build. */
export async function latestVersion(tx: Db | Tx, appId: string): Promise<Version | undefined> {
  const [version] = await tx
    .select()
    .from(versions)
    .where(and(eq(versions.appId, appId), eq(versions.hidden, false)))
    .orderBy(desc(versions.createdAt))
    .limit(1);
  return version;
}

/** A version of the app by its version string and build, if it was uploaded. */
export async function findVersion(
  tx: Db | Tx,
  appId: string,
  version: string,
  build: string,
): Promise<Version | undefined> {
  const [row] = await tx
    .select()
    .from(versions)
    .where(and(eq(versions.appId, appId), eq(versions.version, version), eq(versions.build, build)))
    .limit(1);
  return row;
}
