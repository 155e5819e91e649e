import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { listedTimeZone } from "@/lib/domain/time-zones";
import { textKey } from "@/lib/errors";

export const role = z.enum(ROLES, { error: textKey("team.roleRequired") });
export const uuid = z.uuid();

export const createTeamInput = z.object({
  name: z
    .string({ error: textKey("team.nameRequired") })
    .trim()
    .min(1, textKey("team.nameRequired"))
    .max(80, textKey("team.nameTooLong")),
});

/**
 * Team settings → Payload time zone: an IANA name this server knows (or "UTC"); an alias is stored as the
 * listed name it resolves to (lib/domain/time-zones.ts).
 */
export const payloadTimeZoneInput = z.object({
  timeZone: z
    .string({ error: textKey("team.timeZoneRequired") })
    .trim()
    .min(1, textKey("team.timeZoneRequired"))
    .transform((name, context) => {
      const listed = listedTimeZone(name);
      if (listed) return listed;
      context.addIssue({
        code: "custom",
        message: textKey("team.timeZoneUnknown"),
        params: { name: name.slice(0, 64) },
      });
      return z.NEVER;
    }),
});

export type PayloadTimeZoneInput = z.input<typeof payloadTimeZoneInput>;

/**
 * Team → Notifications: email the owners and admins (on/off), and which of the team's chat-robot webhooks gets
 * alerts ("" or null: none). Whether the webhook is the team's is checked by the use case.
 */
export const alertSettingsInput = z.object({
  email: z.boolean({ error: textKey("team.alertEmailRequired") }),
  robotWebhookId: z
    .union([z.literal(""), z.null(), z.uuid({ error: textKey("team.alertRobotUnknown") })], {
      error: textKey("team.alertRobotUnknown"),
    })
    .transform((value) => value || null),
});

export type AlertSettingsInput = z.input<typeof alertSettingsInput>;
