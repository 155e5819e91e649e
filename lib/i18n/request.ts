import "server-only";
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { signedInUser } from "@/lib/auth/session";
import { browserLocale } from "@/lib/browser-locale";
import { isLocale, isTimeZone, type Locale, TIME_ZONE_COOKIE } from "@/lib/domain/locales";
import { messagesFor } from "./messages";

/**
 * The language of this request (docs/i18n.md#choosing-the-language): the signed-in user's saved choice, else
 * the language cookie (chosen on a signed-out page, or set at sign-in), else the browser's Accept-Language.
 */
async function requestLocale(): Promise<Locale> {
  // The language is no reason to fail a page: without the database (the page says so) the cookie decides.
  const saved = await signedInUser().then(
    (user) => user?.locale,
    () => null,
  );
  if (isLocale(saved)) return saved;
  return browserLocale();
}

/** The viewer's time zone as their browser reported it (components/browser-setup.tsx); UTC until it has. */
async function requestTimeZone(): Promise<string> {
  const raw = (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? "";
  let zone: string;
  try {
    zone = decodeURIComponent(raw);
  } catch {
    return "UTC";
  }
  return isTimeZone(zone) ? zone : "UTC";
}

/**
 * next-intl's configuration per request (next.config.mjs points its plugin here). `now` is fixed per request
 * and handed to the browser with the messages, so a relative time ("3 min ago") renders alike on both sides.
 */
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, timeZone: await requestTimeZone(), now: new Date(), messages: messagesFor(locale) };
});
