import { z } from "zod";
import { EVENT_TYPES, LANGUAGES } from "@/lib/domain/event-catalog";
import { WEBHOOK_TYPES } from "@/lib/domain/webhook-types";
import { textKey } from "@/lib/errors";
import { httpUrlProblem } from "./http-url";

export const MAX_URL_LENGTH = 2048;

export const webhookUrl = z
  .string({ error: textKey("webhook.urlRequired") })
  .trim()
  .min(1, textKey("webhook.urlRequired"))
  .max(MAX_URL_LENGTH, textKey("webhook.urlTooLong"))
  .superRefine((value, ctx) => {
    const problem = httpUrlProblem(value, "webhook");
    if (problem) ctx.addIssue({ code: "custom", message: problem.key, params: problem.values });
  });

export const webhookInput = z.object({
  name: z
    .string({ error: textKey("webhook.nameRequired") })
    .trim()
    .min(1, textKey("webhook.nameRequired"))
    .max(50, textKey("webhook.nameTooLong")),
  type: z.enum(WEBHOOK_TYPES, { error: textKey("webhook.typeRequired") }),
  url: webhookUrl,
  /** Blank on edit keeps the stored secret. */
  secret: z
    .string()
    .trim()
    .max(200, textKey("webhook.secretTooLong"))
    .optional()
    .transform((value) => value || undefined),
  clearSecret: z.boolean().default(false),
  language: z.enum(LANGUAGES, { error: textKey("webhook.languageRequired") }).default("en"),
  events: z
    .array(z.enum(EVENT_TYPES, { error: textKey("webhook.eventUnknown") }), {
      error: textKey("webhook.eventsRequired"),
    })
    .min(1, textKey("webhook.eventsMin"))
    .transform((events) => EVENT_TYPES.filter((type) => events.includes(type))),
  enabled: z.boolean({ error: textKey("webhook.stateRequired") }).default(true),
  /**
   * Chat robots: merge bursts into digests (docs/robots.md#digests). Absent: on for a new robot webhook, kept
   * on an edit. Always off for "Other (JSON)", which receives every event.
   */
  digest: z
    .boolean({ error: textKey("webhook.digestRequired") })
    .optional()
    .meta({
      description:
        "Chat robots only: merge bursts into digests (one message for the events of one type that wait beyond the robot's rate limit). Defaults to true for a new robot webhook and keeps the stored value on an edit; always false for Other (JSON).",
    }),
});

export type WebhookInput = z.input<typeof webhookInput>;
export type WebhookValues = z.output<typeof webhookInput>;

/** The public API's PATCH of a webhook: any of the form's fields, merged with the stored ones. */
export const webhookPatchInput = webhookInput.partial();

/** The webhook form's live preview (docs/robots.md#preview): what a webhook of these settings gets for `event`. */
export const webhookPreviewInput = z.object({
  type: z.enum(WEBHOOK_TYPES, { error: textKey("webhook.typeRequired") }),
  language: z.enum(LANGUAGES, { error: textKey("webhook.languageRequired") }),
  event: z.enum(EVENT_TYPES, { error: textKey("webhook.eventUnknown") }),
});

export type WebhookPreviewInput = z.input<typeof webhookPreviewInput>;
