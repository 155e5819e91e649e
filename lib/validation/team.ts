import { z } from "zod";

export const ROLES = ["owner", "admin", "member"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including members, transferring and deleting apps",
  admin: "Manages apps, webhooks and API keys",
  member: "Read-only: sees apps, webhooks (URLs masked) and deliveries",
};

export const role = z.enum(ROLES, { error: "Choose Owner, Admin or Member." });
export const uuid = z.uuid();

export const createTeamInput = z.object({
  name: z
    .string({ error: "Enter a team name." })
    .trim()
    .min(1, "Enter a team name.")
    .max(80, "Team name must be at most 80 characters."),
});
