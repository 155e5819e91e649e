"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useAction } from "@/components/forms/use-action";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/action-result";
import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locales";

type Props = { action: (locale: string) => Promise<ActionResult>; className?: string };

/**
 * The language control: a button per other language, named in that language ("简体中文" on an English page,
 * "English" on a Chinese one), so whoever cannot read the page can still find theirs. Pressing it saves the
 * choice (app/actions.ts) and renders the page again in it.
 */
export function LanguageSwitch({ action, className }: Props) {
  const locale = useLocale();
  const t = useTranslations("language");
  const router = useRouter();
  const { pending, run, failure } = useAction(action);
  // The choice is the action's one argument: a refusal of it is on the whole "form".
  const error = failure ? (failure.fieldErrors?.form ?? failure.error) : null;

  return (
    <div className={cn("flex flex-col items-start gap-1", className)}>
      {LOCALES.filter((other) => other !== locale).map((other) => (
        <button
          key={other}
          type="button"
          lang={other}
          disabled={pending}
          aria-describedby={error ? "language-error" : undefined}
          onClick={() => run(other, () => router.refresh())}
          className="inline-flex h-10 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-60 lg:h-8"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" className="size-4">
            <circle cx="10" cy="10" r="7.25" strokeWidth="1.5" />
            <path
              d="M2.75 10h14.5M10 2.75c2 2 3 4.4 3 7.25s-1 5.25-3 7.25c-2-2-3-4.4-3-7.25s1-5.25 3-7.25Z"
              strokeWidth="1.5"
            />
          </svg>
          {LOCALE_NAMES[other]}
        </button>
      ))}
      {error ? (
        <p id="language-error" role="alert" className="text-xs font-medium text-red-700">
          {t("failed", { error })}
        </p>
      ) : null}
    </div>
  );
}
