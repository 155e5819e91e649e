import type { z } from "zod";
import { type FieldErrors, invalid } from "@/lib/errors";

/**
 * First message per field, keyed by the form field's name ("events", "url"...). An issue inside a field
 * (e.g. one item of `events`) is reported on the field itself, where the form shows it.
 */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The top-level field holding a string with a NUL character (Postgres cannot store one), if any. */
function fieldWithNul(value: unknown, field = "form"): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? field : null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = fieldWithNul(item, field);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = fieldWithNul(item, field === "form" ? key : field);
      if (found) return found;
    }
  }
  return null;
}

/** Parse untrusted input or throw an `invalid` AppError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = fieldWithNul(input);
  if (nul) throw invalid({ [nul]: "Remove the NUL character (\\u0000): it cannot be stored." });
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(toFieldErrors(result.error));
  return result.data;
}
