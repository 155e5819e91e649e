import "server-only";
import { signatureHeader } from "@/lib/crypto/signature";
import type { Language } from "@/lib/domain/event-catalog";
import type { DeliveryEvent, DeliveryTarget } from "@/lib/domain/event-facts";
import { maskUrl } from "@/lib/domain/mask-url";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { liveSigningSecrets } from "@/lib/events/emit";
import { buildMessage, robotFormat } from "./formats";
import { buildDigestMessage, type DigestItem, digestLink } from "./formats/digest";
import { decryptedSecret, renderedBody } from "./render-cache";
import type { LiveWebhook } from "./types";

/** Where and how one attempt is sent. */
export type SendTarget = {
  url: string;
  type: WebhookType;
  language: Language;
  /** Encrypted `whsec_` secrets: one signature is sent per secret. */
  signingSecretsEncrypted: string[];
  /** The robot's own signing secret (DingTalk/Lark), encrypted. */
  secretEncrypted: string | null;
};

/**
 * The target of an attempt: the webhook as it is now when it still exists (an edited URL, language or a
 * rotated secret applies to pending retries too), else the snapshot taken when the event was recorded
 * (appDelete, a deleted webhook). If the live webhook has no secret yet, the snapshot's are used.
 */
export function sendTarget(snapshot: DeliveryTarget, webhook: LiveWebhook | null, now: Date): SendTarget {
  if (!webhook) {
    return {
      url: snapshot.url,
      type: snapshot.type,
      language: snapshot.language,
      signingSecretsEncrypted: snapshot.signingSecretsEncrypted,
      secretEncrypted: snapshot.secretEncrypted,
    };
  }
  const live = liveSigningSecrets(webhook, now);
  return {
    url: webhook.url,
    type: webhook.type,
    language: webhook.language,
    signingSecretsEncrypted: live.length > 0 ? live : snapshot.signingSecretsEncrypted,
    secretEncrypted: webhook.secretEncrypted,
  };
}

export type BuiltRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** What the attempt record keeps: the URL with tokens masked, the headers and body with signatures masked. */
  recorded: { url: string; headers: Record<string, string>; body: string };
  /** A chat message whose notes were cut to the service's limit. */
  truncated: boolean;
};

export const SIGNATURE_HEADER = "webhook-signature";

/** `v1,<sig> v1,<sig>` → `v1,•••• v1,••••`: the record shows how many signatures were sent, not them. */
export function maskSignatures(header: string): string {
  return header
    .split(" ")
    .map((part) => `${part.split(",")[0]},••••`)
    .join(" ");
}

/**
 * The HTTP request of one attempt. "Other (JSON)": the generic docs/events.md#json-payload body in the target's language, with
 * Standard Webhooks headers signed with every live secret and `webhook-timestamp` = this attempt's time.
 * Chat robots: their own message format and signing instead (docs/robots.md), from the same facts and language.
 */
export function buildRequest(input: {
  event: DeliveryEvent;
  target: SendTarget;
  /** The team's payload time zone (docs/events.md#time-zone). */
  timeZone: string;
  baseUrl: string;
  userAgent: string;
  now: Date;
  /** Stable across retries: DingTalk's msgUuid. */
  deliveryId: string;
  /**
   * A digest's carrier (docs/robots.md#digests): the events it carries (its own included) and its webhook;
   * robots then get one digest message. "Other (JSON)" never gets digests.
   */
  digest?: { items: DigestItem[]; webhookId: string };
}): BuiltRequest {
  const { event, target, digest } = input;
  const format = robotFormat(target.type);
  if (format) {
    const message =
      digest && digest.items.length > 0
        ? buildDigestMessage({
            items: digest.items,
            type: event.type,
            language: target.language,
            timeZone: input.timeZone,
            link: digestLink(input.baseUrl, event.facts.app.key, digest.webhookId),
          })
        : buildMessage(event, target.language, input.baseUrl, input.timeZone);
    const built = format.build({
      message,
      url: target.url,
      secret: target.secretEncrypted ? decryptedSecret(target.secretEncrypted) : null,
      deliveryId: input.deliveryId,
      now: input.now,
    });
    const headers: Record<string, string> = {
      "User-Agent": input.userAgent,
      "Content-Type": "application/json; charset=utf-8",
      "webhook-id": event.id,
      "X-AppHooks-Event": event.type,
    };
    // How many events a digest carries, so a receiver (and the log) can tell it from a single message.
    if (digest && digest.items.length > 0) headers["X-AppHooks-Digest"] = String(digest.items.length);
    const body = JSON.stringify(built.body);
    return {
      url: built.url,
      headers,
      body,
      truncated: built.truncated,
      recorded: {
        url: maskUrl(built.url),
        headers: { ...headers },
        body: built.recordedBody === built.body ? body : JSON.stringify(built.recordedBody),
      },
    };
  }
  const body = renderedBody(event, target.language, input.baseUrl, input.timeZone);
  const timestamp = Math.floor(input.now.getTime() / 1000);
  const headers: Record<string, string> = {
    "User-Agent": input.userAgent,
    "Content-Type": "application/json; charset=utf-8",
    "webhook-id": event.id,
    "webhook-timestamp": String(timestamp),
    "X-AppHooks-Event": event.type,
  };
  const secrets = target.signingSecretsEncrypted.map(decryptedSecret);
  if (secrets.length > 0) headers[SIGNATURE_HEADER] = signatureHeader(secrets, event.id, timestamp, body);
  const recordedHeaders = { ...headers };
  if (headers[SIGNATURE_HEADER])
    recordedHeaders[SIGNATURE_HEADER] = maskSignatures(headers[SIGNATURE_HEADER]);
  return {
    url: target.url,
    headers,
    body,
    truncated: false,
    recorded: { url: maskUrl(target.url), headers: recordedHeaders, body },
  };
}
