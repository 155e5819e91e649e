import "server-only";

/** True when a Postgres error (postgres.js or PGlite, possibly wrapped by drizzle) is a unique violation. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint: name } = e as Record<string, unknown>;
    if (code === "23505") return !constraint || constraint_name === constraint || name === constraint;
  }
  return false;
}
