import { z } from "zod";
import { EVENT_TYPES, LANGUAGES } from "@/lib/domain/event-catalog";
import { WEBHOOK_TYPES } from "@/lib/domain/webhook-types";
import { httpUrlProblem } from "./http-url";

export const MAX_URL_LENGTH = 2048;

export const webhookUrl = z
  .string({ error: "Enter the webhook URL." })
  .trim()
  .min(1, "Enter the webhook URL.")
  .max(MAX_URL_LENGTH, `URL must be at most ${MAX_URL_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    const problem = httpUrlProblem(value, "URL");
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const webhookInput = z.object({
  name: z
    .string({ error: "Enter a webhook name." })
    .trim()
    .min(1, "Enter a webhook name.")
    .max(50, "Webhook name must be at most 50 characters."),
  type: z.enum(WEBHOOK_TYPES, { error: "Choose a webhook type." }),
  url: webhookUrl,
  /** Blank on edit keeps the stored secret. */
  secret: z
    .string()
    .trim()
    .max(200, "Secret must be at most 200 characters.")
    .optional()
    .transform((value) => value || undefined),
  clearSecret: z.boolean().default(false),
  language: z.enum(LANGUAGES, { error: "Choose English or Simplified Chinese." }).default("en"),
  events: z
    .array(z.enum(EVENT_TYPES, { error: "Unknown event type." }), { error: "Select at least one event." })
    .min(1, "Select at least one event to push.")
    .transform((events) => EVENT_TYPES.filter((type) => events.includes(type))),
  enabled: z.boolean({ error: "Webhook State must be on or off." }).default(true),
  /**
   * Chat robots: merge bursts into digests (docs/robots.md#digests). Absent: on for a new robot webhook, kept
   * on an edit. Always off for "Other (JSON)", which receives every event.
   */
  digest: z.boolean({ error: "Merge bursts into digests must be on or off." }).optional().meta({
    description:
      "Chat robots only: merge bursts into digests (one message for the events of one type that wait beyond the robot's rate limit). Defaults to true for a new robot webhook and keeps the stored value on an edit; always false for Other (JSON).",
  }),
});

export type WebhookInput = z.input<typeof webhookInput>;
export type WebhookValues = z.output<typeof webhookInput>;

/** The public API's PATCH of a webhook: any of the form's fields, merged with the stored ones. */
export const webhookPatchInput = webhookInput.partial();
