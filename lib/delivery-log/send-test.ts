import "server-only";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { randomKey } from "@/lib/crypto/tokens";
import { db } from "@/lib/db/client";
import { insertTestDelivery } from "@/lib/db/queries/delivery-log";
import { latestVersion, versionFacts } from "@/lib/db/queries/events";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { deliveryConfig } from "@/lib/delivery/config";
import { createDeliveryClient } from "@/lib/delivery/inbox-client";
import { recordResults } from "@/lib/delivery/record-results";
import type { BuiltRequest } from "@/lib/delivery/request";
import type { EventFacts } from "@/lib/domain/event-facts";
import { deliveryTarget, newEventId } from "@/lib/events/emit";
import { sampleFacts } from "@/lib/events/sample-facts";
import { sendTestInput } from "@/lib/validation/delivery";
import { parseInput } from "@/lib/validation/parse";
import { requireWebhook } from "@/lib/webhooks/get-webhook";

/** The request a test sent, as the dashboard shows it beside the answer. */
export type SentRequest = {
  /** The URL with its tokens masked, as the delivery log shows URLs (lib/domain/mask-url.ts). */
  url: string;
  /** The headers sent, with the real `webhook-signature`. */
  headers: Record<string, string>;
  /** The body as sent (Lark's `sign` masked, as in the log). */
  body: string;
};

export type TestResult = {
  deliveryId: string;
  /** The sample event's id: the `webhook-id` header sent. */
  eventId: string;
  status: "succeeded" | "failed";
  responseStatus: number | null;
  /** The first 16 KiB of the answer. */
  responseBody: string | null;
  durationMs: number;
  error: string | null;
  request: SentRequest;
};

/**
 * "Send test": sends a realistic sample event of the chosen type for this app to this one webhook now, in the
 * request, the way workers send (attemptDelivery), and records it in the log as a test delivery (never
 * retried). The event is stored like any other; the delivery is inserted already `sending` under this call's
 * own lease, so no worker races it. Admins only.
 */
export async function sendTest(
  actor: Actor,
  appKey: string,
  webhookId: string,
  input: unknown,
): Promise<TestResult> {
  const { app, payloadTimeZone } = await requireApp(actor, appKey, "admin");
  const webhook = await requireWebhook(app.id, webhookId);
  const { event: type } = parseInput(sendTestInput, input ?? {});
  const config = deliveryConfig();
  const now = new Date(config.clock());
  const latest = await latestVersion(await db(), app.id);
  const facts: EventFacts = {
    ...sampleFacts(type, app, latest ? versionFacts(latest) : null, now),
    app: { key: app.appKey, name: app.name, platform: app.platform },
    occurredAt: now.toISOString(),
  };
  const workerId = `test-${randomKey(8)}`;
  const row = await insertTestDelivery({
    event: { id: newEventId(), teamId: app.teamId, appId: app.id, type, facts },
    webhook,
    target: deliveryTarget(webhook, now),
    newEncryptedSigningSecret: () => encryptSecret(newSigningSecret()),
    lease: { workerId, ms: config.leaseMs },
  });
  const http = createDeliveryClient(config);
  try {
    let sent: BuiltRequest | undefined;
    const result = await attemptDelivery(
      { ...row, timeZone: payloadTimeZone },
      { config, http, workerId, onRequest: (request) => (sent = request) },
    );
    await recordResults([result]);
    return {
      deliveryId: row.id,
      eventId: row.eventId,
      status: result.next.status === "succeeded" ? "succeeded" : "failed",
      responseStatus: result.responseStatus,
      responseBody: result.responseBody,
      durationMs: result.durationMs,
      error: result.error,
      // The URL and body as the log keeps them (tokens and Lark's sign masked), the headers as sent: only
      // admins run a test, and they may reveal the signing secret itself.
      request: {
        url: result.requestUrl,
        headers: sent?.headers ?? result.requestHeaders,
        body: result.requestBody,
      },
    };
  } finally {
    await http.close();
  }
}
