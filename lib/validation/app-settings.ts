import { z } from "zod";
import { createAppInput } from "./app";
import { httpUrlProblem } from "./http-url";

export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_ICON_URL_LENGTH = 2048;
export const MAX_INSTALL_PASSWORD_LENGTH = 64;

const iconUrl = z
  .string({ error: "Icon URL must be text." })
  .trim()
  .max(MAX_ICON_URL_LENGTH, `Icon URL must be at most ${MAX_ICON_URL_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    const problem = value ? httpUrlProblem(value, "icon URL") : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .optional()
  .transform((value) => value || null);

/** Setting → General. Blank install password keeps the stored one; `removeInstallPassword` removes it. */
export const appSettingsInput = z.object({
  name: createAppInput.shape.name,
  description: z
    .string({ error: "Description must be text." })
    .trim()
    .max(MAX_DESCRIPTION_LENGTH, `Description must be at most ${MAX_DESCRIPTION_LENGTH} characters.`)
    .default(""),
  iconUrl,
  installPassword: z
    .string({ error: "Install password must be text." })
    .trim()
    .max(
      MAX_INSTALL_PASSWORD_LENGTH,
      `Install password must be at most ${MAX_INSTALL_PASSWORD_LENGTH} characters.`,
    )
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
    .string({ error: "Choose the team to move the app to." })
    .trim()
    .min(1, "Choose the team to move the app to."),
});

export type TransferAppInput = z.input<typeof transferAppInput>;

/** Setting → Delete: the app's name, typed to confirm. */
export const deleteAppInput = z.object({
  confirmName: z.string({ error: "Type the app's name to confirm." }).trim(),
});

export type DeleteAppInput = z.input<typeof deleteAppInput>;
