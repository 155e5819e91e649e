import { openApiDocument } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the public API (no key needed). */
export function GET(): Response {
  return Response.json(openApiDocument());
}
