import "server-only";
import { log } from "@/lib/observability/log";

/**
 * A one-line description of an error for the server log. Query errors from drizzle carry the statement's
 * parameters in their message (webhook URLs with tokens, password hashes), so only names, codes and the
 * driver's own message are kept.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const code = (e as { code?: unknown }).code;
    const withParams = e.name === "DrizzleQueryError" || /\bparams:/.test(e.message);
    parts.push(`${e.name}${code ? ` [${String(code)}]` : ""}${withParams ? "" : `: ${e.message}`}`);
  }
  return parts.join(" ← ");
}

/**
 * Logs an error as one line at level "error" (lib/observability/log.ts): `scope` says which part failed
 * (delivery, maintenance, api, action, auth, worker), `fields` what it was working on (deliveryId, eventId…).
 */
export function logError(scope: string, error: unknown, fields: Record<string, unknown> = {}): void {
  log.error({ scope, ...fields }, describeError(error));
}
