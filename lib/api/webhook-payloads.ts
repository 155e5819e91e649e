import "server-only";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { catalogSample } from "@/lib/delivery/catalog";
import { EVENT_LABELS, EVENT_TYPES, type EventType } from "@/lib/domain/event-catalog";
import { CHINA_TIME_ZONE } from "@/lib/domain/time-zones";
import en from "@/messages/en.json";

/**
 * What AppHooks sends: the OpenAPI 3.1 `webhooks` section, one entry per event type with the "Other (JSON)"
 * body's schema (docs/events.md#json-payload) and samples built by the sending code (lib/delivery/catalog.ts).
 */

/**
 * A field's documentation: what it means, and what it holds when there is nothing to say (`x-when-empty`, an
 * OpenAPI extension the API reference and the event catalog page show; absent: the field is never empty).
 */
const field = (description: string, whenEmpty: string) => ({ description, "x-when-empty": whenEmpty });

const time = (meaning: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    .meta({
      description: `${meaning}, \`YYYY-MM-DD HH:mm:ss\` in the team's payload time zone (UTC unless the team chose another, e.g. Asia/Shanghai as Pgyer sends).`,
      example: "2026-03-02 03:25:16",
    });

const change = z.object({
  field: z.string().meta({ description: "The changed field's code." }),
  from: z.unknown().meta({ description: "The value before (null when unset)." }),
  to: z.unknown().meta({ description: "The value after (null when removed)." }),
});

const versionId = z.uuid().meta({ description: "The version's id." });

/** `data` by event type (docs/events.md#json-payload). */
const DATA: Record<EventType, z.ZodType> = {
  updateVersion: z.object({ version_id: versionId }),
  versionChange: z.object({
    change: z
      .enum(["edited", "hidden", "shown", "deleted"])
      .meta({ description: "What happened to the version." }),
    version_id: versionId,
    changes: z
      .array(change)
      .optional()
      .meta(
        field(
          "Each changed field, one of `version`, `build`, `notes`.",
          "Absent unless `change` is `edited`.",
        ),
      ),
  }),
  feedback: z.object({
    feedback_id: z.uuid().meta({ description: "The feedback's id." }),
    contact: z.string().meta(field("How to reach the reporter.", '`""` when not given.')),
    device: z.string().meta(field("The reporter's device.", '`""` when unknown.')),
  }),
  crashlog: z.object({
    crash_id: z.uuid().meta({ description: "The crash report's id." }),
    exception: z.string().meta({ description: "The exception's name." }),
    device: z.string().meta(field("The device.", '`""` when unknown.')),
    occurrences: z.int().min(1).meta({ description: "How many times the SDK saw this crash." }),
  }),
  settingsChange: z.object({
    changes: z.array(change).meta({
      description:
        "Each changed setting: `name`, `description`, `icon_url` or `install_password` (its values only `(set)`, `(changed)`, `(removed)` or null).",
    }),
  }),
  appMigration: z.object({
    from_team: z.string().meta({ description: "The team the app left." }),
    to_team: z.string().meta({ description: "The team that owns it now." }),
  }),
  appDelete: z.object({}).meta(field("Nothing: the app is gone.", "Always `{}`.")),
};

/** The "Other (JSON)" body of an event of `type`. */
export function jsonPayloadSchema(type: EventType) {
  return z
    .object({
      action: z.string().meta({
        description:
          "The event in Pgyer's wording, in the webhook's language (e.g. `App Update` / `应用更新`).",
      }),
      title: z.string().meta({ description: "The app's name." }),
      link: z.url().meta({
        description:
          "The app's page in the dashboard (My Apps for appDelete: the app's page no longer exists).",
      }),
      message: z.string().meta({ description: "One sentence about the event, in the webhook's language." }),
      type: z.literal(type).meta({ description: "The event type's code." }),
      os_version: z
        .string()
        .meta(field("The version concerned (e.g. `2.4`).", '`""` when the app has no version.')),
      build_version: z.string().meta(field("That version's build (e.g. `139`).", '`""` when unknown.')),
      created: time("When the subject (version, feedback, crash report; else the app) was created"),
      updated: time("When the subject was last updated"),
      timestamp: z
        .int()
        .meta({ description: "When the event happened, Unix seconds (whatever the time zone)." }),
      appsize: z
        .string()
        .meta(field("The version's size in bytes, as a decimal string.", '`"0"` when unknown.')),
      device_type: z.enum(["iOS", "Android", "HarmonyOS"]).meta({ description: "The app's platform." }),
      notes: z
        .string()
        .meta(
          field(
            "Release notes; the feedback text; the start of the crash stack (else the exception); a change summary otherwise.",
            '`""` when a version has no release notes.',
          ),
        ),
      event_id: z
        .string()
        .meta({ description: "`evt_…`: the same as the `webhook-id` header; de-duplicate on it." }),
      app_key: z.string().meta({ description: "The app's key." }),
      data: DATA[type].meta({ description: `The ${type} event's details.` }),
      test: z
        .literal(true)
        .optional()
        .meta(field("Marks a sample sent with Send test.", "Absent on real events.")),
    })
    .meta({ id: `${type}Payload` });
}

const HEADERS = z.object({
  "webhook-id": z.string().meta({ description: "The event's id (`evt_…`), the same in every retry." }),
  "webhook-timestamp": z.string().meta({ description: "Unix seconds when this attempt was signed." }),
  "webhook-signature": z.string().meta({
    description:
      "Standard Webhooks: `v1,<base64 HMAC-SHA256 of id.timestamp.body>`; several, space-separated, during a secret's rotation. Verify it (5 minutes' tolerance) before trusting the body.",
  }),
  "x-apphooks-event": z.string().meta({ description: "The event type's code." }),
});

/** The OpenAPI `webhooks` section: what a receiver of each event type gets. */
export function webhooksSection(): ZodOpenApiPathsObject {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `${type}Webhook`,
          summary: `${EVENT_LABELS[type].en} (${type})`,
          description:
            `${en.eventDescriptions[type]}. Sent to every enabled webhook of the app that subscribes to it, as this ` +
            'JSON body to "Other (JSON)" webhooks; chat-robot webhooks receive their service\'s own message ' +
            "format instead, built from the same facts. Answer 2xx within 15 s: anything else is retried.",
          tags: ["Webhooks you receive"],
          security: [],
          requestParams: { header: HEADERS },
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: jsonPayloadSchema(type),
                examples: {
                  en: { summary: "English, UTC", value: catalogSample(type, "json", "en").body },
                  "zh-CN": {
                    summary: "简体中文, Asia/Shanghai",
                    value: catalogSample(type, "json", "zh-CN", CHINA_TIME_ZONE).body,
                  },
                },
              },
            },
          },
          responses: {
            "2XX": { description: "Received: AppHooks records the delivery as succeeded." },
            default: {
              description: "Anything else (or no answer in time): retried on the schedule, then failed.",
            },
          },
        },
      },
    ]),
  );
}
