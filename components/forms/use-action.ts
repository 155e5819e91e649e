"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

/** Calls a server action in a transition and keeps its last result (field errors stay until the next run). */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const t = useTranslations("errors");

  function run(input: I, onSuccess?: (data: T) => void) {
    startTransition(async () => {
      let next: ActionResult<T>;
      try {
        next = await action(input);
      } catch (error) {
        // A redirect or another Next.js signal from the action is not a failure: let Next handle it.
        const digest = (error as { digest?: unknown } | null)?.digest;
        if (typeof digest === "string" && digest.startsWith("NEXT_")) throw error;
        next = { ok: false, code: "server_error", error: t("networkError") };
      }
      setResult(next);
      if (next?.ok) onSuccess?.(next.data);
    });
  }

  const failure = result && !result.ok ? result : null;
  return {
    pending,
    run,
    error:
      failure?.fieldErrors && Object.keys(failure.fieldErrors).length > 0 ? null : (failure?.error ?? null),
    fieldError: (name: string) => failure?.fieldErrors?.[name],
    failure,
    reset: () => setResult(null),
  };
}
