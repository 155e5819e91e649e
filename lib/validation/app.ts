import { z } from "zod";
import { PLATFORMS } from "@/lib/domain/platforms";
import { textKey } from "@/lib/errors";

export const appKeyParam = z.string().regex(/^[a-z2-9]{16}$/);

export const createAppInput = z.object({
  name: z
    .string({ error: textKey("app.nameRequired") })
    .trim()
    .min(1, textKey("app.nameRequired"))
    .max(80, textKey("app.nameTooLong")),
  platform: z.enum(PLATFORMS, { error: textKey("app.platformRequired") }),
  bundleId: z
    .string()
    .trim()
    .max(155, textKey("app.bundleIdTooLong"))
    .regex(/^$|^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, textKey("app.bundleIdForm"))
    .optional()
    .transform((value) => value || null),
});

export type CreateAppInput = z.input<typeof createAppInput>;
