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

/** Parse untrusted input or throw an `invalid` AppError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(toFieldErrors(result.error));
  return result.data;
}
