"use client";

import { useEffect, useRef } from "react";
import type { FieldErrors } from "@/lib/errors";

/**
 * After a failed save, moves focus to the first field (in `order`) that has an error, so keyboard and screen
 * reader users land on it. Fields are found by their `data-field` attribute inside the returned form ref.
 */
export function useFocusFirstError(failure: { fieldErrors?: FieldErrors } | null, order: readonly string[]) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const first = order.find((field) => failure?.fieldErrors?.[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  }, [failure, order]);
  return formRef;
}
