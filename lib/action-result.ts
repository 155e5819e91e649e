import { unstable_rethrow } from "next/navigation";
import { AppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { logError } from "@/lib/log-error";

/** What every server action returns. */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "server_error"; error: string; fieldErrors?: FieldErrors };

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P03",
  "08001",
  "08006",
]);

function isDatabaseDown(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if (UNAVAILABLE_CODES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

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
