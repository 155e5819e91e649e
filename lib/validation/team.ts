import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { listedTimeZone } from "@/lib/domain/time-zones";

export const role = z.enum(ROLES, { error: "Choose Owner, Admin or Member." });
export const uuid = z.uuid();

export const createTeamInput = z.object({
  name: z
    .string({ error: "Enter a team name." })
    .trim()
    .min(1, "Enter a team name.")
    .max(80, "Team name must be at most 80 characters."),
});

/**
 * Team settings → Payload time zone: an IANA name this server knows (or "UTC"); an alias is stored as the
 * listed name it resolves to (lib/domain/time-zones.ts).
 */
export const payloadTimeZoneInput = z.object({
  timeZone: z
    .string({ error: "Choose a time zone." })
    .trim()
    .min(1, "Choose a time zone.")
    .transform((name, context) => {
      const listed = listedTimeZone(name);
      if (listed) return listed;
      context.addIssue({
        code: "custom",
        message: `“${name.slice(0, 64)}” is not an IANA time zone name. Choose one from the list, such as Asia/Shanghai or UTC.`,
      });
      return z.NEVER;
    }),
});

export type PayloadTimeZoneInput = z.input<typeof payloadTimeZoneInput>;
