import { z } from "zod";
import { textKey } from "@/lib/errors";
import { createAppInput } from "./app";
import { httpUrlProblem } from "./http-url";

export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_ICON_URL_LENGTH = 2048;
export const MAX_INSTALL_PASSWORD_LENGTH = 64;

const iconUrl = z
  .string({ error: textKey("app.iconUrlText") })
  .trim()
  .max(MAX_ICON_URL_LENGTH, textKey("app.iconUrlTooLong"))
  .superRefine((value, ctx) => {
    const problem = value ? httpUrlProblem(value, "icon") : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem.key, params: problem.values });
  })
  .optional()
  .transform((value) => value || null);

/** Setting → General. Blank install password keeps the stored one; `removeInstallPassword` removes it. */
export const appSettingsInput = z.object({
  name: createAppInput.shape.name,
  description: z
    .string({ error: textKey("app.descriptionText") })
    .trim()
    .max(MAX_DESCRIPTION_LENGTH, textKey("app.descriptionTooLong"))
    .default(""),
  iconUrl,
  installPassword: z
    .string({ error: textKey("app.installPasswordText") })
    .trim()
    .max(MAX_INSTALL_PASSWORD_LENGTH, textKey("app.installPasswordTooLong"))
    .optional()
    .transform((value) => value || undefined),
  removeInstallPassword: z.boolean().default(false),
});

export type AppSettingsInput = z.input<typeof appSettingsInput>;

/** The public API's PATCH of an app: any of the settings, merged with the stored ones. */
export const appSettingsPatchInput = appSettingsInput.partial();

/** Setting → Transfer: the team that receives the app. */
export const transferAppInput = z.object({
  teamId: z
    .string({ error: textKey("app.transferTeamRequired") })
    .trim()
    .min(1, textKey("app.transferTeamRequired")),
});

export type TransferAppInput = z.input<typeof transferAppInput>;

/** Setting → Delete: the app's name, typed to confirm. */
export const deleteAppInput = z.object({
  confirmName: z.string({ error: textKey("app.confirmNameRequired") }).trim(),
});

export type DeleteAppInput = z.input<typeof deleteAppInput>;
