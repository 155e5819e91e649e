import { notAllowed } from "@/lib/api/not-allowed";
import { openApiDocument } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the public API (no key needed). */
export function GET(): Response {
  return Response.json(openApiDocument());
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
