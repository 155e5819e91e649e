import "server-only";
import { unstable_rethrow } from "next/navigation";
import { isDatabaseDown } from "@/lib/db/unavailable";
import { AppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { logError } from "@/lib/log-error";

/** What every server action returns. */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "server_error"; error: string; fieldErrors?: FieldErrors };

/** Runs an action body and turns domain errors into a result; redirects and other Next signals pass through. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) {
      return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors };
    }
    if (isDatabaseDown(error)) {
      return {
        ok: false,
        code: "unavailable",
        error: "The database is unavailable right now. Try again in a moment.",
      };
    }
    logError("action", error);
    return { ok: false, code: "server_error", error: "Something went wrong on our side. Please try again." };
  }
}
