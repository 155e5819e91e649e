"use server";

import { saveLocale } from "@/lib/accounts/locale";
import { type ActionResult, runAction } from "@/lib/action-result";
import { sessionUserId } from "@/lib/auth/session";
import { rememberLocale } from "@/lib/browser-locale";
import { localeInput } from "@/lib/validation/locale";
import { parseInput } from "@/lib/validation/parse";

/**
 * The language control (header, sign-in and sign-up pages): remembered in this browser's cookie, and on the
 * account when signed in, where it wins over any browser's cookie or Accept-Language.
 */
export async function chooseLanguage(locale: string): Promise<ActionResult> {
  return runAction(async () => {
    const userId = await sessionUserId();
    const chosen = userId ? await saveLocale(userId, locale) : parseInput(localeInput, locale);
    await rememberLocale(chosen);
    return null;
  });
}
