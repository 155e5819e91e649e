import "server-only";
import { cookies, headers } from "next/headers";
import { isLocale, LOCALE_COOKIE, type Locale, localeFromAcceptLanguage } from "@/lib/domain/locales";

/**
 * The language this browser asks for, without the account (docs/i18n.md#choosing-the-language): its language
 * cookie, else Accept-Language. Outside lib/i18n so that sign-up and OAuth account creation (lib/accounts,
 * lib/auth) can read it without importing the request configuration, which reads the session.
 */

/** The language chosen in this browser (the language control, or the account's at sign-in), if any. */
export async function cookieLocale(): Promise<Locale | null> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : null;
}

/** Remembers a language in this browser, so signed-out pages follow it too. */
export async function rememberLocale(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, { sameSite: "lax", path: "/", maxAge: 365 * 24 * 60 * 60 });
}

/** The cookie's language, else the browser's Accept-Language (Chinese of any region → zh-CN; else English). */
export async function browserLocale(): Promise<Locale> {
  return (await cookieLocale()) ?? localeFromAcceptLanguage((await headers()).get("accept-language"));
}
