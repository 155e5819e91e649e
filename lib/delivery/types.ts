import "server-only";
import type { Webhook } from "@/lib/db/schema";
import type { EventType } from "@/lib/domain/event-catalog";
import type { DeliveryTarget, EventFacts } from "@/lib/domain/event-facts";

/** What sending to a webhook as it is now needs (the rest of its row is the dashboard's). */
export type LiveWebhook = Pick<
  Webhook,
  | "id"
  | "url"
  | "type"
  | "language"
  | "enabled"
  | "secretEncrypted"
  | "signingSecretEncrypted"
  | "previousSigningSecretEncrypted"
  | "previousSecretExpiresAt"
>;

/** A delivery claimed by a worker, with what sending it needs. */
export type ClaimedDelivery = {
  id: string;
  eventId: string;
  webhookId: string;
  /** Attempts made before this one. */
  attempts: number;
  target: DeliveryTarget;
  event: { id: string; type: EventType; facts: EventFacts };
  /**
   * The payload time zone of the event's team as it is now (read with the claim), in which the body writes
   * its times; "UTC" when the team is gone.
   */
  timeZone: string;
  /** The webhook as it is now, or null when it was deleted (the delivery then goes to `target`). */
  webhook: LiveWebhook | null;
  /**
   * On a digest's carrier (docs/robots.md#digests): the events of every delivery it carries, its own
   * included, oldest first; its attempt sends one message for all of them. Absent for a delivery sent alone.
   */
  digest?: DigestEvent[];
};

/** One event of a digest, and the delivery of it that the digest accounts for. */
export type DigestEvent = { deliveryId: string; id: string; type: EventType; facts: EventFacts };

/** What happens to a delivery after an attempt. */
export type NextState =
  | { status: "succeeded" }
  | { status: "failed" }
  | { status: "pending"; delayMs: number };

/** One attempt as sent and answered, and the delivery's next state. */
export type AttemptResult = {
  deliveryId: string;
  /** The webhook the delivery goes to: its warning is set by a configuration error, cleared by a success. */
  webhookId: string;
  workerId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  requestUrl: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  error: string | null;
  next: NextState;
  /** The attempt failed fast on a configuration error (e.g. a wrong robot secret): shown on the webhook. */
  configError: boolean;
  /** The robot asked to slow down: nothing is sent to this URL until `until` (limiter clock, ms). */
  pause: { url: string; until: number } | null;
};
