import "server-only";
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE, type Locale } from "@/lib/domain/locales";

/** The language chosen in this browser (the language control, or the account's at sign-in), if any. */
export async function cookieLocale(): Promise<Locale | null> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : null;
}

/** Remembers a language in this browser, so signed-out pages follow it too. */
export async function rememberLocale(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, { sameSite: "lax", path: "/", maxAge: 365 * 24 * 60 * 60 });
}
