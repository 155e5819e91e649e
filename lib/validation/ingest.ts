import { z } from "zod";

/** The body limit of the ingest API (docs/events.md#ingest-api). */
export const MAX_INGEST_BYTES = 256 * 1024;

const DEVICE_TYPES = ["iOS", "Android", "HarmonyOS"] as const;

const optionalText = (max: number, label: string) =>
  z
    .string({ error: `${label} must be a string.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .optional();

const updateVersion = z.object({
  type: z.literal("updateVersion"),
  version: z
    .string({ error: 'version is required (e.g. "2.4").' })
    .trim()
    .min(1, 'version is required (e.g. "2.4").')
    .max(50, "version must be at most 50 characters."),
  build: z
    .string({ error: 'build is required (e.g. "139").' })
    .trim()
    .min(1, 'build is required (e.g. "139").')
    .max(50, "build must be at most 50 characters."),
  size: z
    .number({ error: "size is required: the build's size in bytes, as a number." })
    .int("size must be a whole number of bytes.")
    .min(0, "size cannot be negative.")
    .max(Number.MAX_SAFE_INTEGER),
  notes: z
    .string({ error: "notes must be a string." })
    .max(20_000, "notes must be at most 20000 characters.")
    .default(""),
  device_type: z.enum(DEVICE_TYPES, { error: "device_type must be iOS, Android or HarmonyOS." }).optional(),
});

const feedback = z.object({
  type: z.literal("feedback"),
  content: z
    .string({ error: "content is required: the feedback text." })
    .trim()
    .min(1, "content is required: the feedback text.")
    .max(10_000, "content must be at most 10000 characters."),
  contact: optionalText(200, "contact"),
  device: optionalText(200, "device"),
  version: optionalText(50, "version"),
  build: optionalText(50, "build"),
});

const crashlog = z.object({
  type: z.literal("crashlog"),
  exception: z
    .string({ error: 'exception is required (e.g. "NullPointerException").' })
    .trim()
    .min(1, 'exception is required (e.g. "NullPointerException").')
    .max(500, "exception must be at most 500 characters."),
  stack: z
    .string({ error: "stack must be a string." })
    .max(100_000, "stack must be at most 100000 characters.")
    .default(""),
  device: optionalText(200, "device"),
  version: optionalText(50, "version"),
  build: optionalText(50, "build"),
  occurrences: z.number({ error: "occurrences must be a number." }).int().min(1).max(1_000_000).default(1),
});

export const INGEST_TYPES = ["updateVersion", "feedback", "crashlog"] as const;

/** Each type's body, to refuse fields it does not know (a typo such as `occurences` would silently default). */
export const INGEST_TYPE_SCHEMAS = { updateVersion, feedback, crashlog } as const;

export const ingestBody = z.discriminatedUnion("type", [updateVersion, feedback, crashlog], {
  error: (issue) =>
    issue.code === "invalid_union"
      ? `type must be one of ${INGEST_TYPES.join(", ")} (the other event types come from the dashboard).`
      : undefined,
});

export type IngestBody = z.output<typeof ingestBody>;

/** Most events in one batch request, and the batch body's limit. */
export const MAX_BATCH_EVENTS = 100;
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;

/** The batch route's envelope; each item is then checked as an ingest body of its own (errors name its index). */
export const ingestBatchBody = z.object({
  events: z
    .array(z.unknown(), { error: "events is required: an array of 1 to 100 ingest bodies." })
    .min(1, "events is required: an array of 1 to 100 ingest bodies.")
    .max(MAX_BATCH_EVENTS, `A batch holds at most ${MAX_BATCH_EVENTS} events; send the rest in another.`),
});
