"use client";

import { useEffect } from "react";
import type { FieldErrors, FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";

/**
 * How the forms run their lib/validation schema in the browser (the server runs it again): on the first save,
 * then on every change, so an error goes as soon as it is fixed. Not on blur: an error appearing then shifts the
 * page under the pointer, and the click that left the field lands beside the next control.
 * The first refused field gets the focus in page order (`focusFirstError`), not in registration order.
 */
export const CLIENT_VALIDATION = {
  mode: "onSubmit",
  reValidateMode: "onChange",
  shouldFocusError: false,
} as const;

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * After a failed save, puts the server's field errors (it validates with the same lib/validation schema, and
 * knows more: unique names, limits) on the form's fields and focuses the first one, in `fields` order.
 * Returns the message for the alert above the form: the failure's own, unless a field shows it already.
 */
export function useServerErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  failure: Failure | null,
  fields: readonly Path<T>[],
): string | null {
  const { setError, setFocus } = form;
  useEffect(() => {
    const errors = failure?.fieldErrors;
    if (!errors) return;
    const shown = fields.filter((field) => errors[field]);
    for (const field of shown) setError(field, { type: "server", message: errors[field] });
    if (shown[0]) setFocus(shown[0]);
  }, [failure, fields, setError, setFocus]);

  const onAField = fields.some((field) => failure?.fieldErrors?.[field]);
  return failure && !onAField ? failure.error : null;
}

/**
 * `handleSubmit`'s second argument: focuses the first field (in `fields` order, the order they appear) that the
 * schema refused, so keyboard and screen reader users land on it. Use with `shouldFocusError: false`.
 */
export function focusFirstError<T extends FieldValues>(
  form: UseFormReturn<T>,
  fields: readonly Path<T>[],
): (errors: FieldErrors<T>) => void {
  return (errors) => {
    const first = fields.find((field) => field in errors);
    if (first) form.setFocus(first);
  };
}
