"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/** Overview · Versions · Setting for one app; the current one is marked for assistive technology. */
export function AppTabs({ appKey }: { appKey: string }) {
  const pathname = usePathname();
  const base = `/apps/${appKey}`;
  const t = useTranslations("apps.tabs");
  const tabs = [
    { href: base, label: t("overview"), active: pathname === base },
    { href: `${base}/versions`, label: t("versions"), active: pathname.startsWith(`${base}/versions`) },
    {
      href: `${base}/settings/webhooks`,
      label: t("settings"),
      active: pathname.startsWith(`${base}/settings`),
    },
  ];
  return (
    <nav aria-label={t("label")} className="border-b border-zinc-200">
      <ul className="-mb-px flex gap-6">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.active ? "page" : undefined}
              className={cn(
                "inline-flex min-h-11 min-w-10 items-center justify-center border-b-2 px-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
                tab.active
                  ? "border-indigo-600 text-indigo-700"
                  : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
