"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/apps", label: "My Apps" },
  { href: "/team/members", label: "Members" },
  { href: "/team/api-keys", label: "API keys" },
  { href: "/team/settings", label: "Team settings" },
  { href: "/api-reference", label: "API reference" },
];

export function MainNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 lg:flex-row lg:items-center">
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
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
