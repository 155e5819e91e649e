"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { useAction } from "@/components/forms/use-action";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/action-result";
import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locales";

type Props = { action: (locale: string) => Promise<ActionResult>; className?: string };

/**
 * The language control: a labelled select of the dashboard's languages, each named in its own words. Choosing
 * one saves it (app/actions.ts) and renders the page again in it.
 */
export function LanguageSelect({ action, className }: Props) {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const { pending, run, error } = useAction(action);

  return (
    <div className={cn("flex items-center gap-2 text-sm", className)}>
      <label htmlFor={id} className="font-medium text-zinc-700">
        {t("label")}
      </label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => run(event.target.value, () => router.refresh())}
        className="h-10 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 lg:h-8"
      >
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value}>
            {LOCALE_NAMES[value]}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
