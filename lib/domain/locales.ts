// The dashboard's languages and how a request picks one (docs/i18n.md#choosing-the-language). Pure: safe in
// the browser. (A webhook's message language is another thing: event-catalog.ts LANGUAGES.)

/** The languages the dashboard speaks; `en` is the default. */
export const LOCALES = ["en", "zh-CN"] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

/** The cookie that remembers the chosen language, for signed-out pages too (next-intl's own name). */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** The cookie in which the browser tells the server its time zone, so both render times alike. */
export const TIME_ZONE_COOKIE = "apphooks-tz";

/** Each language in its own words, as the language control lists it (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** One language range of an Accept-Language header as a dashboard language, or null if it is none of ours. */
function localeOfTag(tag: string): Locale | null {
  const parts = tag.toLowerCase().split("-");
  if (parts[0] === "en") return "en";
  if (parts[0] !== "zh") return null;
  // Traditional Chinese (zh-Hant, zh-TW, zh-HK, zh-MO) is not Simplified: the next preference decides.
  const traditional = parts.slice(1).some((part) => ["hant", "tw", "hk", "mo"].includes(part));
  return traditional ? null : "zh-CN";
}

/**
 * The dashboard language an Accept-Language header prefers: its ranges in order of quality (zh, zh-CN,
 * zh-Hans… → zh-CN; en… → en), the first one we speak; English when none is.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const locale = localeOfTag(range.tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** An IANA time zone the runtime knows ("Asia/Shanghai", "UTC"), as a browser reports it. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
