import type { z } from "zod";
import { type FieldTexts, invalid, isErrorKey, type Text, type TextValues, text } from "@/lib/errors";

/**
 * An issue as a text: the schemas' messages are keys of the `errors` texts (lib/errors.ts `textKey`), with the
 * issue's limits (`{max}`, `{min}`) and a custom issue's `params` as values. An issue zod worded itself (a
 * type no form sends, on hostile input) keeps its words: `errors.invalidInput`.
 */
export function issueText(issue: z.core.$ZodIssue): Text {
  if (!isErrorKey(issue.message)) return text("invalidInput", { detail: issue.message });
  const values: TextValues = {};
  if ("maximum" in issue) values.max = Number(issue.maximum);
  if ("minimum" in issue) values.min = Number(issue.minimum);
  if (issue.code === "custom" && issue.params) Object.assign(values, issue.params);
  return text(issue.message, Object.keys(values).length > 0 ? values : undefined);
}

/**
 * First problem per field, keyed by the form field's name ("events", "url"...). An issue inside a field
 * (e.g. one item of `events`) is reported on the field itself, where the form shows it.
 */
export function toFieldTexts(error: z.ZodError): FieldTexts {
  const out: FieldTexts = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    out[key] ??= issueText(issue);
  }
  return out;
}

/** Deeper input than any form or API body needs; walking it is refused (and never recursive). */
export const MAX_INPUT_DEPTH = 64;

/**
 * What makes input unstorable, with the top-level field it is in: a string with a NUL character (Postgres
 * cannot store one), or nesting deeper than MAX_INPUT_DEPTH. Walked with a stack of its own, so that hostile
 * nesting cannot overflow the call stack.
 */
function unstorable(input: unknown): { field: string; message: Text } | null {
  const stack: Array<{ value: unknown; field: string; depth: number }> = [
    { value: input, field: "form", depth: 0 },
  ];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, field, depth } = next;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return { field, message: text("unstorableNul") };
      continue;
    }
    if (!value || typeof value !== "object") continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return { field, message: text("tooDeep", { max: MAX_INPUT_DEPTH }) };
    }
    const entries = Array.isArray(value) ? value.map((item) => ["", item] as const) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as readonly [string, unknown];
      stack.push({ value: item, field: field === "form" && key !== "" ? key : field, depth: depth + 1 });
    }
  }
  return null;
}

/** Parse untrusted input or throw an `invalid` AppError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const refused = unstorable(input);
  if (refused) throw invalid({ [refused.field]: refused.message });
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(toFieldTexts(result.error));
  return result.data;
}

/**
 * How deeply a JSON text nests arrays and objects, read without parsing it (brackets inside strings do not
 * count): for refusing hostile nesting before a parser that recurses sees it (the proxy, for server actions).
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}
