/** The one error vocabulary of the domain; actions and route handlers map it to their own outputs. */
export type ErrorCode =
  | "unauthenticated"
  | "not_found"
  | "forbidden"
  | "invalid"
  | "conflict"
  | "limit_reached"
  | "rate_limited"
  | "unavailable";

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);

export const forbidden = (message = "Your role in this team does not allow this.") =>
  new AppError("forbidden", message);

export function invalid(
  fieldErrors: FieldErrors,
  message = "Please correct the highlighted fields.",
): AppError {
  return new AppError("invalid", message, fieldErrors);
}
