import "server-only";
import { z } from "zod";
import "zod-openapi";
import type { App, Webhook } from "@/lib/db/schema";
import { AUDIT_ACTOR_TYPES, AUDIT_FIELDS, AUDIT_KINDS } from "@/lib/domain/audit";
import { DELIVERY_STATUSES } from "@/lib/domain/delivery-statuses";
import { EVENT_TYPES, LANGUAGES } from "@/lib/domain/event-catalog";
import { maskUrl } from "@/lib/domain/mask-url";
import { PLATFORMS } from "@/lib/domain/platforms";
import type { Role } from "@/lib/domain/roles";
import { roleAtLeast } from "@/lib/domain/roles";
import { typeMismatchWarning, WEBHOOK_TYPES } from "@/lib/domain/webhook-types";

/**
 * The public API's response bodies, in zod: the OpenAPI document is generated from them, and every route
 * shapes its answer through them (`.parse` keeps only the listed fields, so nothing else, such as a secret,
 * can slip into a response).
 */

const timestamp = z.iso
  .datetime()
  .meta({ description: "UTC, ISO 8601", example: "2026-11-22T09:30:00.000Z" });
const nullableTimestamp = timestamp.nullable();

const ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid",
  "conflict",
  "limit_reached",
  "rate_limited",
  "unavailable",
  "unsupported_media_type",
  "payload_too_large",
  "server_error",
] as const;

export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().meta({ description: "A sentence for people: what went wrong and what to do." }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: "With `invalid`: the first problem of each field, by the field's name." }),
    }),
  })
  .meta({
    id: "Error",
    example: {
      error: {
        code: "invalid",
        message: "Please correct the highlighted fields.",
        fields: { url: "Enter the webhook URL." },
      },
    },
  });

export const appResource = z
  .object({
    appKey: z
      .string()
      .meta({ description: "The app's public key, used in URLs.", example: "k7m2x9p4q8r3t6w2" }),
    name: z.string(),
    platform: z.enum(PLATFORMS),
    bundleId: z.string().nullable(),
    description: z.string(),
    iconUrl: z.string().nullable(),
    hasInstallPassword: z.boolean().meta({ description: "The password itself is never returned." }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "App" });

export const appListItem = appResource
  .extend({
    latestVersion: z.string().nullable(),
    latestBuild: z.string().nullable(),
    webhookCount: z.number().int(),
  })
  .meta({ id: "AppListItem" });

export const appList = z.object({ apps: z.array(appListItem) }).meta({ id: "AppList" });

export function appJson(app: App): z.output<typeof appResource> {
  return appResource.parse(jsonDates({ ...app, hasInstallPassword: app.installPasswordEncrypted !== null }));
}

export function appListItemJson(
  app: App & { latestVersion: string | null; latestBuild: string | null; webhookCount: number },
): z.output<typeof appListItem> {
  return appListItem.parse({ ...app, ...appJson(app) });
}

export const webhookResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(WEBHOOK_TYPES),
    url: z.string().meta({
      description:
        "In full for Admin and Owner keys; with tokens masked (as members see it in the dashboard) for read-only keys.",
    }),
    urlMasked: z.boolean(),
    events: z.array(z.enum(EVENT_TYPES)),
    language: z.enum(LANGUAGES),
    enabled: z.boolean(),
    digest: z.boolean().meta({
      description:
        "Chat robots: when more events wait than the robot's rate limit lets through, those of one type are merged into one digest message. Always false for Other (JSON).",
    }),
    hasSecret: z
      .boolean()
      .meta({ description: "Whether a robot secret is set; the secret is never returned." }),
    secretHint: z
      .string()
      .nullable()
      .meta({ description: "The robot secret's last 4 characters, for Admin and Owner keys; else null." }),
    disabledReason: z
      .string()
      .nullable()
      .meta({ description: "Why the webhook was switched off automatically, if it was." }),
    disabledAt: nullableTimestamp,
    typeWarning: z
      .string()
      .nullable()
      .meta({ description: "Set when the URL belongs to another robot service than `type`." }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Webhook" });

export const webhookList = z.object({ webhooks: z.array(webhookResource) }).meta({ id: "WebhookList" });

/** A webhook as a key of this role may see it: the full URL for admins and owners, masked for members. */
export function webhookJson(webhook: Webhook, role: Role): z.output<typeof webhookResource> {
  const full = roleAtLeast(role, "admin");
  return webhookResource.parse(
    jsonDates({
      ...webhook,
      url: full ? webhook.url : maskUrl(webhook.url),
      urlMasked: !full,
      hasSecret: webhook.secretEncrypted !== null,
      secretHint: full ? webhook.secretHint : null,
      typeWarning: typeMismatchWarning(webhook.type, webhook.url),
    }),
  );
}

const headers = z.record(z.string(), z.string());

export const deliverySummary = z
  .object({
    id: z.uuid(),
    eventId: z.string().meta({ description: "The event's id: the `webhook-id` header of every attempt." }),
    eventType: z.enum(EVENT_TYPES),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastDurationMs: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: timestamp,
    lastAttemptAt: nullableTimestamp,
    nextAttemptAt: nullableTimestamp.meta({
      description: "When the next attempt is due; only while pending.",
    }),
    test: z.boolean().meta({ description: "Sent with Send test." }),
    carriedBy: z.uuid().nullable().meta({
      description:
        "Delivered in a digest: the id of the delivery whose chat message carried this event (its status is this delivery's). Null when this delivery sent its own message.",
    }),
    carries: z.number().int().nullable().meta({
      description:
        "On a digest's carrier: how many events its one chat message carries, its own included. Redelivering it resends that digest. Null otherwise.",
    }),
  })
  .meta({ id: "DeliverySummary" });

export const deliveryPage = z
  .object({
    deliveries: z.array(deliverySummary),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next (older) page; null on the last page." }),
  })
  .meta({ id: "DeliveryPage" });

export const attemptResource = z
  .object({
    attempt: z.number().int(),
    startedAt: timestamp,
    durationMs: z.number().int(),
    request: z.object({
      url: z.string().meta({ description: "Tokens masked." }),
      headers: headers.meta({ description: "Signatures masked." }),
      body: z.string(),
    }),
    response: z
      .object({
        status: z.number().int(),
        headers,
        body: z.string().meta({ description: "The first 16 KiB." }),
      })
      .nullable()
      .meta({ description: "Null when no answer came (timeout, connection refused…)." }),
    error: z.string().nullable(),
  })
  .meta({ id: "Attempt" });

export const deliveryDetail = deliverySummary
  .extend({ webhookId: z.uuid(), appKey: z.string(), attemptsList: z.array(attemptResource) })
  .meta({ id: "DeliveryDetail" });

export const testResult = z
  .object({
    deliveryId: z.uuid(),
    eventId: z.string(),
    status: z.enum(["succeeded", "failed"]),
    responseStatus: z.number().int().nullable(),
    responseBody: z.string().nullable().meta({ description: "The first 16 KiB of the answer." }),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    request: z
      .object({
        url: z.string().meta({ description: "The URL, its tokens masked as in the delivery log." }),
        headers: z
          .record(z.string(), z.string())
          .meta({ description: "The headers sent, with the real `webhook-signature`." }),
        body: z.string().meta({ description: "The body as sent (Lark's `sign` masked)." }),
      })
      .meta({ description: "The request the test sent." }),
  })
  .meta({ id: "TestResult" });

const auditValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

export const auditEntryResource = z
  .object({
    id: z.uuid(),
    at: timestamp,
    actor: z.object({
      type: z.enum(AUDIT_ACTOR_TYPES),
      id: z.uuid().meta({ description: "The user's id, or the API key's id." }),
      name: z.string().meta({ description: "The user's or the key's name when the change was made." }),
    }),
    address: z
      .string()
      .nullable()
      .meta({ description: "The client's address; null unless the server runs behind a trusted proxy." }),
    app: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .meta({ description: "The app the change was made in (it may since have been deleted)." }),
    kind: z.enum(AUDIT_KINDS),
    target: z.object({ id: z.string(), name: z.string() }).nullable().meta({
      description: "The webhook, API key, member or invite changed, when not the app or team itself.",
    }),
    changes: z.array(
      z.union([
        z.object({ field: z.enum(AUDIT_FIELDS), from: auditValue, to: auditValue }),
        z
          .object({ field: z.enum(AUDIT_FIELDS), secret: z.literal(true) })
          .meta({ description: "A secret that changed: its values are never recorded." }),
      ]),
    ),
  })
  .meta({
    id: "AuditEntry",
    example: {
      id: "0b7e4a52-3f1c-4d2a-9a57-6f0f2f1e9c11",
      at: "2026-11-22T09:30:00.000Z",
      actor: { type: "user", id: "5d1f6c2e-8a4b-4c3d-9e2f-1a2b3c4d5e6f", name: "Ada Lovelace" },
      address: "203.0.113.7",
      app: { id: "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", name: "Demo iOS" },
      kind: "webhook.updated",
      target: { id: "3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b", name: "Team chat" },
      changes: [
        { field: "enabled", from: true, to: false },
        {
          field: "url",
          from: "https://oapi.dingtalk.com/robot/send?access_token=3f9c••••",
          to: "https://hooks.example.com/apphooks",
        },
        { field: "secret", secret: true },
      ],
    },
  });

export const auditPage = z
  .object({
    entries: z.array(auditEntryResource),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next (older) page; null on the last page." }),
  })
  .meta({ id: "AuditPage" });

/** Dates become ISO strings (any depth), so a domain value can be parsed by a response schema above. */
export function jsonDates(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonDates);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonDates(item)]));
  }
  return value;
}

export const ingestResult = z
  .object({
    id: z
      .string()
      .meta({ description: "The event's id (the `webhook-id` of its deliveries).", example: "evt_…" }),
    type: z.enum(["updateVersion", "feedback", "crashlog"]),
    deliveries: z
      .number()
      .int()
      .meta({ description: "Deliveries queued: one per enabled, subscribed webhook." }),
  })
  .meta({ id: "IngestResult" });

export const ingestBatchResult = z
  .object({
    events: z.array(ingestResult).meta({ description: "One result per event, in the batch's order." }),
  })
  .meta({ id: "IngestBatchResult" });

export const resendFailedResult = z
  .object({
    requeued: z.number().int().meta({ description: "Failed deliveries queued for one more attempt now." }),
    remaining: z.number().int().meta({
      description: "Failed deliveries of the range left over the 10,000 limit: send the request again.",
    }),
  })
  .meta({ id: "ResendFailedResult" });

export const drainResult = z
  .object({
    claimed: z.number().int(),
    succeeded: z.number().int(),
    retried: z.number().int(),
    failed: z.number().int(),
    disabled: z.number().int(),
  })
  .meta({ id: "DrainResult" });
