import { z } from "zod";

export const createApiKeyInput = z.object({
  name: z
    .string({ error: "Enter a name for the key." })
    .trim()
    .min(1, "Enter a name for the key, e.g. “CI uploads”.")
    .max(60, "Key name must be at most 60 characters."),
});
