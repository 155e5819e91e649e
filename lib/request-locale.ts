import "server-only";
import { headers } from "next/headers";
import type { Language } from "@/lib/domain/event-catalog";

/**
 * The dashboard language of the current request, for what is decided by it when it is created (a new team's
 * payload time zone: defaultPayloadTimeZone). For now the browser's Accept-Language: the most preferred of
 * Chinese (any zh-*: "zh-CN") and English; English when it names neither. The one place that reads it.
 */
export async function requestLocale(): Promise<Language> {
  const ranked = ((await headers()).get("accept-language") ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter(
      ({ tag, weight }) =>
        weight > 0 && (tag === "zh" || tag.startsWith("zh-") || tag === "en" || tag.startsWith("en-")),
    )
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.tag.startsWith("zh") ? "zh-CN" : "en";
}
