import "server-only";
import { isDatabaseDown } from "@/lib/db/unavailable";
import { AppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { logError } from "@/lib/log-error";
import { RequestError } from "./read-json";

/** The API's one error shape: `{"error": {"code", "message", "fields"?}}`. */
export function apiError(
  status: number,
  code: string,
  message: string,
  options: { fields?: FieldErrors; headers?: Record<string, string> } = {},
): Response {
  const error = options.fields ? { code, message, fields: options.fields } : { code, message };
  return Response.json({ error }, { status, headers: options.headers });
}

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  limit_reached: 409,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * Maps any error to its HTTP answer, in one place: domain errors by code, a refused body (413/415) by its
 * status, an outage to 503, the rest to 500.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof RequestError) return apiError(error.status, error.code, error.message);
  if (error instanceof AppError) {
    return apiError(STATUS[error.code], error.code, error.message, { fields: error.fieldErrors });
  }
  if (isDatabaseDown(error)) {
    return apiError(503, "unavailable", "The database is unavailable right now. Retry in a moment.", {
      headers: { "Retry-After": "5" },
    });
  }
  logError("api", error);
  return apiError(500, "server_error", "Something went wrong on our side. Retry in a moment.");
}
