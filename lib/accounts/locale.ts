import "server-only";
import { findUserByEmail, updateUserLocale } from "@/lib/db/queries/users";
import type { Locale } from "@/lib/domain/locales";
import { isLocale } from "@/lib/domain/locales";
import { localeInput } from "@/lib/validation/locale";
import { parseInput } from "@/lib/validation/parse";

/** The language control, signed in: remembers the choice on the account (docs/i18n.md#choosing-the-language). */
export async function saveLocale(userId: string, input: unknown): Promise<Locale> {
  const locale = parseInput(localeInput, input);
  await updateUserLocale(userId, locale);
  return locale;
}

/** The language an account chose, if it chose one (at sign-in it becomes the browser's language cookie). */
export async function savedLocale(email: string): Promise<Locale | null> {
  const locale = (await findUserByEmail(email.trim().toLowerCase()))?.locale;
  return isLocale(locale) ? locale : null;
}
