import { z } from "zod";
import { textKey } from "@/lib/errors";
import { role } from "./team";

export const createApiKeyInput = z.object({
  name: z
    .string({ error: textKey("apiKey.nameRequired") })
    .trim()
    .min(1, textKey("apiKey.nameMin"))
    .max(60, textKey("apiKey.nameTooLong")),
  /** What the key may do through the API, as a team member of that role would (member = read-only). */
  role: role.default("admin"),
});

export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

/** How a key's role is shown on the API keys page ("Access"). */
export const API_KEY_ACCESS_LABELS = {
  member: "Read-only (member)",
  admin: "Admin",
  owner: "Owner",
} as const;
