import "server-only";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { findDeliveryLogRow, listAttempts } from "@/lib/db/queries/delivery-log";
import type { DeliveryAttempt } from "@/lib/db/schema";
import { maskUrl } from "@/lib/domain/mask-url";
import type { Role } from "@/lib/domain/roles";
import { AppError, notFound } from "@/lib/errors";
import { uuid } from "@/lib/validation/team";
import { type DeliverySummary, toSummary } from "./list-deliveries";

export type AttemptView = {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  /** As sent: the URL with tokens masked, the headers with signatures masked. */
  request: { url: string; headers: Record<string, string>; body: string };
  /** As answered (the body's first 16 KiB); null when no answer came (timeout, connection error). */
  response: { status: number; headers: Record<string, string>; body: string } | null;
  error: string | null;
};

export type DeliveryDetail = DeliverySummary & {
  webhookId: string;
  appKey: string;
  attemptsList: AttemptView[];
};

function toAttemptView(attempt: DeliveryAttempt): AttemptView {
  return {
    attempt: attempt.attempt,
    startedAt: attempt.startedAt,
    durationMs: attempt.durationMs,
    request: {
      // Recorded masked already; masked again so that no record can show a robot's token.
      url: attempt.requestUrl ? maskUrl(attempt.requestUrl) : "",
      headers: attempt.requestHeaders,
      body: attempt.requestBody,
    },
    response:
      attempt.responseStatus === null
        ? null
        : {
            status: attempt.responseStatus,
            headers: attempt.responseHeaders ?? {},
            body: attempt.responseBody ?? "",
          },
    error: attempt.error,
  };
}

/**
 * A delivery the actor may see (its app is in the actor's team, with at least `minimum`), with its app's key.
 * Another team's delivery, a deleted app's or a malformed id is "not found".
 */
export async function requireDelivery(actor: Actor, deliveryId: string, minimum: Role = "member") {
  const id = uuid.safeParse(deliveryId);
  const row = id.success ? await findDeliveryLogRow(id.data) : undefined;
  if (!row) throw notFound("Delivery");
  try {
    await requireApp(actor, row.appKey, minimum);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw notFound("Delivery");
    throw error;
  }
  return row;
}

/** One delivery with every attempt's request and response. Members may read. */
export async function getDelivery(actor: Actor, deliveryId: string): Promise<DeliveryDetail> {
  const row = await requireDelivery(actor, deliveryId);
  const attempts = await listAttempts(row.id);
  return {
    ...toSummary(row),
    webhookId: row.webhookId,
    appKey: row.appKey,
    attemptsList: attempts.map(toAttemptView),
  };
}
