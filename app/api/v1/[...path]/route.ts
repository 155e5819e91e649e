import { apiError } from "@/lib/api/responses";
import { withRequestId } from "@/lib/observability/request-context";

/** Any path under /api/v1 that no route serves: the API's JSON 404 (not the dashboard's HTML page). */
function unknownRoute(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return withRequestId(request, () =>
    apiError(404, "not_found", `No API route ${request.method} ${pathname}. See /api/v1/openapi.json.`),
  );
}

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
