import { z } from "zod";
import { PLATFORMS } from "@/lib/domain/platforms";

export const appKeyParam = z.string().regex(/^[a-z2-9]{16}$/);

export const createAppInput = z.object({
  name: z
    .string({ error: "Enter the app's name." })
    .trim()
    .min(1, "Enter the app's name.")
    .max(80, "App name must be at most 80 characters."),
  platform: z.enum(PLATFORMS, { error: "Choose iOS, Android or HarmonyOS." }),
  bundleId: z
    .string()
    .trim()
    .max(155, "Bundle ID must be at most 155 characters.")
    .regex(/^$|^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, "Use reverse-domain form, like com.example.app.")
    .optional()
    .transform((value) => value || null),
});

export type CreateAppInput = z.input<typeof createAppInput>;
