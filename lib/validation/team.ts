import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
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
