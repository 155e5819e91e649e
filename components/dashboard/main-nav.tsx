"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/apps", label: "myApps" },
  { href: "/team/members", label: "members" },
  { href: "/team/api-keys", label: "apiKeys" },
  { href: "/team/settings", label: "teamSettings" },
  { href: "/team/notifications", label: "notifications" },
  { href: "/event-catalog", label: "eventCatalog" },
  { href: "/team/audit", label: "auditLog" },
  { href: "/api-reference", label: "apiReference" },
] as const;

export function MainNav() {
  const pathname = usePathname();
  const t = useTranslations("nav");
  return (
    <nav aria-label={t("main")} className="flex flex-col gap-1 lg:flex-row lg:items-center">
      {LINKS.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex min-h-10 items-center rounded-md px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 lg:min-h-8",
              active ? "bg-zinc-100 text-zinc-900" : "text-zinc-600 hover:text-zinc-900",
            )}
          >
            {t(link.label)}
          </Link>
        );
      })}
    </nav>
  );
}
