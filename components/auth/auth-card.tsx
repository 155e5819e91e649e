import Link from "next/link";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/language/language-switch";
import type { ActionResult } from "@/lib/action-result";

export function Logo() {
  return (
    <Link href="/apps" className="inline-flex min-h-10 items-center gap-2 font-semibold text-zinc-900">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
        <rect width="32" height="32" rx="7" fill="#4f46e5" />
        <path
          d="M9 21a5 5 0 1 1 7-4.6M16 16.4 19 11m4 10a5 5 0 1 1-4-8"
          fill="none"
          stroke="#fff"
          strokeWidth="2.4"
          strokeLinecap="round"
        />
      </svg>
      AppHooks
    </Link>
  );
}

/** The centred card around the sign-in, sign-up and invite pages, with the language control above it. */
export function AuthCard({
  title,
  children,
  footer,
  chooseLanguage,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  chooseLanguage: (locale: string) => Promise<ActionResult>;
}) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 px-4 py-12">
      <LanguageSwitch action={chooseLanguage} className="self-end sm:absolute sm:top-4 sm:right-4" />
      <Logo />
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm">
        <h1 className="mb-5 text-xl font-semibold">{title}</h1>
        {children}
      </div>
      {footer ? <p className="text-sm text-zinc-600">{footer}</p> : null}
    </main>
  );
}
