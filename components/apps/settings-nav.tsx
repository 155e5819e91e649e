"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/** Setting's sub-pages in the sidebar, as Pgyer lays them out; the current one is marked. */
export function SettingsNav({ appKey }: { appKey: string }) {
  const pathname = usePathname();
  const base = `/apps/${appKey}/settings`;
  const t = useTranslations("appSettings.nav");
  const items = [
    { href: `${base}/general`, label: t("general") },
    { href: `${base}/webhooks`, label: t("webhooks") },
    { href: `${base}/transfer`, label: t("transfer") },
    { href: `${base}/delete`, label: t("delete") },
  ];
  return (
    <nav aria-label={t("label")} className="md:w-44 md:shrink-0">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex min-h-10 items-center rounded-md px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
                  active ? "bg-zinc-100 text-zinc-900" : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
