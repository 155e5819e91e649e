import { notAllowed } from "@/lib/api/not-allowed";
import { openApiDocument } from "@/lib/api/openapi";
import { withRequestId } from "@/lib/observability/request-context";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the public API (no key needed). */
export function GET(request: Request): Promise<Response> {
  return withRequestId(request, () => Response.json(openApiDocument()));
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
