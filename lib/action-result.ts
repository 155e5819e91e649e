import "server-only";
import { unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { isDatabaseDown } from "@/lib/db/unavailable";
import { AppError, type ErrorCode, type FieldErrors, mapTexts, type Text, text } from "@/lib/errors";
import { logError } from "@/lib/log-error";

/** What every server action returns: its errors in the viewer's language (docs/i18n.md#error-texts). */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "server_error"; error: string; fieldErrors?: FieldErrors };

/** Runs an action body and turns domain errors into a result; redirects and other Next signals pass through. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    unstable_rethrow(error);
    const say = await translator();
    if (error instanceof AppError) {
      const fieldErrors = error.fieldTexts && mapTexts(error.fieldTexts, say);
      return { ok: false, code: error.code, error: say(error.text), fieldErrors };
    }
    if (isDatabaseDown(error)) {
      return { ok: false, code: "unavailable", error: say(text("databaseUnavailable")) };
    }
    logError("action", error);
    return { ok: false, code: "server_error", error: say(text("serverError")) };
  }
}

/** Puts an error text in the viewer's language (lib/i18n/request.ts chooses it). */
async function translator(): Promise<(t: Text) => string> {
  const t = await getTranslations("errors");
  return ({ key, values }) => t(key, values);
}
