"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { HealthRange } from "@/lib/webhooks/health";

const RANGES: HealthRange[] = ["24h", "7d"];

/**
 * The 24 h / 7 d switch of the health panel: two toggle buttons (aria-pressed) in a fieldset; both
 * periods are rendered on the server, the switch only shows one (without JavaScript, the 24 hours).
 */
export function HealthRangeSwitch({ panels }: { panels: Record<HealthRange, ReactNode> }) {
  const [range, setRange] = useState<HealthRange>("24h");
  const t = useTranslations("health");
  const ranges = RANGES;
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="inline-flex self-start rounded-md border border-zinc-300 p-0.5">
        <legend className="sr-only">{t("period")}</legend>
        {ranges.map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={range === value}
            onClick={() => setRange(value)}
            className={cn(
              "h-10 rounded px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 sm:h-7",
              range === value ? "bg-indigo-600 text-white" : "text-zinc-700 hover:bg-zinc-100",
            )}
          >
            {t(`ranges.${value}`)}
          </button>
        ))}
      </fieldset>
      {ranges.map((value) => (
        <div key={value} hidden={range !== value}>
          {panels[value]}
        </div>
      ))}
    </div>
  );
}
