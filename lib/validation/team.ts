import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";

export const role = z.enum(ROLES, { error: "Choose Owner, Admin or Member." });
export const uuid = z.uuid();

export const createTeamInput = z.object({
  name: z
    .string({ error: "Enter a team name." })
    .trim()
    .min(1, "Enter a team name.")
    .max(80, "Team name must be at most 80 characters."),
});
