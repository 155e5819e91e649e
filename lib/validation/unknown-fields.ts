import type { z } from "zod";
import { invalid, text } from "@/lib/errors";

/**
 * Refuses a body with fields the schema does not know (a typo such as `enable` would otherwise be dropped
 * silently and its default used), naming each one. The schema itself is still what parses the body.
 */
export function refuseUnknownFields(schema: z.ZodObject, body: unknown): void {
  if (!body || typeof body !== "object") return;
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  const message = text("unknownField", { known: known.join(", ") });
  throw invalid(Object.fromEntries(unknown.map((key) => [key, message])));
}
