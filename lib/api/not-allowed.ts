import "server-only";
import { withRequestId } from "@/lib/observability/request-context";
import { apiError } from "./responses";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

type NotAllowedHandler = ((request: Request) => Promise<Response>) & { notAllowed: true };

/**
 * The API's answers for the methods a route does not serve: the one JSON error shape, 405, with `Allow`
 * (Next.js's own 405 has an empty body). A route exports them beside its handlers:
 * `export const { PUT, PATCH, DELETE } = notAllowed("GET", "POST");` — marked, so that the OpenAPI test can
 * tell them from the route's real methods.
 */
export function notAllowed(...allowed: ApiMethod[]): Record<ApiMethod, NotAllowedHandler> {
  const allow = allowed.join(", ");
  const handlers = {} as Record<ApiMethod, NotAllowedHandler>;
  for (const method of API_METHODS) {
    handlers[method] = Object.assign(
      (request: Request) =>
        withRequestId(request, () =>
          apiError(405, "method_not_allowed", `${method} is not allowed here. Allowed: ${allow}.`, {
            headers: { Allow: allow },
          }),
        ),
      { notAllowed: true as const },
    );
  }
  return handlers;
}

/** Whether an exported handler is one of notAllowed's (not a method the route serves). */
export function isNotAllowedHandler(handler: unknown): boolean {
  return typeof handler === "function" && (handler as Partial<NotAllowedHandler>).notAllowed === true;
}
