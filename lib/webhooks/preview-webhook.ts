import "server-only";
import { randomUUID } from "node:crypto";
import { requireApp } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { latestVersion, versionFacts } from "@/lib/db/queries/events";
import { catalogEvent } from "@/lib/delivery/catalog";
import { deliveryConfig } from "@/lib/delivery/config";
import { robotFormat } from "@/lib/delivery/formats";
import { DINGTALK_BODY_LIMIT } from "@/lib/delivery/formats/dingtalk";
import { utf8Length } from "@/lib/delivery/formats/truncate";
import { WECOM_MARKDOWN_LIMIT } from "@/lib/delivery/formats/wecom";
import { buildRequest, SIGNATURE_HEADER } from "@/lib/delivery/request";
import type { EventType, Language } from "@/lib/domain/event-catalog";
import type { DeliveryEvent } from "@/lib/domain/event-facts";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { newEventId } from "@/lib/events/emit";
import { sampleFacts } from "@/lib/events/sample-facts";
import { parseInput } from "@/lib/validation/parse";
import { webhookPreviewInput } from "@/lib/validation/webhook";
import { type RobotText, robotText } from "./robot-text";

export type PreviewHeader = {
  name: string;
  value: string;
  /** Computed for each event at send time (its id, the signing time, the signature): the value is an example. */
  atSendTime: boolean;
};

export type WebhookPreview = {
  event: EventType;
  type: WebhookType;
  language: Language;
  /** The team's payload time zone, in which created/updated are written. */
  timeZone: string;
  /** The facts' version: the app's real latest one, or the event catalog's sample when the app has none. */
  source: { kind: "latestVersion"; version: string; build: string } | { kind: "catalog" };
  headers: PreviewHeader[];
  /** The body exactly as it would be sent (compact JSON). */
  body: string;
  bytes: number;
  /** WeCom's markdown and DingTalk's body limits (docs/robots.md#size-limits), with what is measured. */
  limit: { measured: "markdown" | "body"; bytes: number; limit: number } | null;
  /** A robot's message text, in its service's markup; null for "Other (JSON)". */
  robot: RobotText | null;
  /** The notes were cut to fit the service's limit. */
  truncated: boolean;
};

/** Where the preview's request would go: only DingTalk's signing touches the URL, and the preview does not sign. */
const PREVIEW_URL = "https://receiver.invalid/webhook";

const SIGNATURE_EXAMPLE = "v1,<base64 HMAC-SHA256 of webhook-id.webhook-timestamp.body>";

/**
 * The event the preview renders: a sample of `type` about this app with its latest version, as "Send test"
 * builds it but without the `test` mark (a real event carries none); an app without versions gets the event
 * catalog's sample (docs/events.md#catalog) about itself.
 */
async function previewEvent(
  app: Parameters<typeof sampleFacts>[1] & { id: string; appKey: string },
  type: EventType,
  now: Date,
): Promise<{ event: DeliveryEvent; source: WebhookPreview["source"] }> {
  const about = { key: app.appKey, name: app.name, platform: app.platform };
  const latest = await latestVersion(await db(), app.id);
  if (!latest) {
    const sample = catalogEvent(type);
    return {
      event: { ...sample, id: newEventId(), facts: { ...sample.facts, app: about } },
      source: { kind: "catalog" },
    };
  }
  const { test: _test, ...facts } = sampleFacts(type, app, versionFacts(latest), now);
  // A real version event names its version (docs/events.md#json-payload); the sample has no id to name.
  const data =
    type === "updateVersion" || type === "versionChange"
      ? { version_id: latest.id, ...facts.data }
      : facts.data;
  return {
    event: { id: newEventId(), type, facts: { ...facts, data, app: about, occurredAt: now.toISOString() } },
    source: { kind: "latestVersion", version: latest.version, build: latest.build },
  };
}

/**
 * The webhook form's live preview: the headers and body a webhook of the given type and language would be
 * sent for an event of `event` about this app, built by the sending code (buildRequest). Nothing is signed or
 * stored: the Standard Webhooks signature is named with an example value, computed at send time. Admins only,
 * as the form is.
 */
export async function previewWebhook(actor: Actor, appKey: string, input: unknown): Promise<WebhookPreview> {
  const { app, payloadTimeZone } = await requireApp(actor, appKey, "admin");
  const { type, language, event: eventType } = parseInput(webhookPreviewInput, input ?? {});
  const config = deliveryConfig();
  const now = new Date(config.clock());
  const { event, source } = await previewEvent(app, eventType, now);
  const built = buildRequest({
    event,
    target: { url: PREVIEW_URL, type, language, signingSecretsEncrypted: [], secretEncrypted: null },
    timeZone: payloadTimeZone,
    baseUrl: config.baseUrl,
    userAgent: config.userAgent,
    now,
    deliveryId: randomUUID(),
  });
  const perEvent = new Set(["webhook-id", "webhook-timestamp"]);
  const headers: PreviewHeader[] = Object.entries(built.headers).map(([name, value]) => ({
    name,
    value,
    atSendTime: perEvent.has(name),
  }));
  if (type === "json") headers.push({ name: SIGNATURE_HEADER, value: SIGNATURE_EXAMPLE, atSendTime: true });
  const format = robotFormat(type);
  const robot = format ? robotText(format.type, JSON.parse(built.body)) : null;
  const bytes = utf8Length(built.body);
  const limit =
    type === "wecom" && robot
      ? { measured: "markdown" as const, bytes: utf8Length(robot.text), limit: WECOM_MARKDOWN_LIMIT }
      : type === "dingtalk"
        ? { measured: "body" as const, bytes, limit: DINGTALK_BODY_LIMIT }
        : null;
  return {
    event: eventType,
    type,
    language,
    timeZone: payloadTimeZone,
    source,
    headers,
    body: built.body,
    bytes,
    limit,
    robot,
    truncated: built.truncated,
  };
}
