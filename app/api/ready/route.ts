import { notAllowed } from "@/lib/api/not-allowed";
import { readiness } from "@/lib/health/readiness";
import { withRequestId } from "@/lib/observability/request-context";

export const dynamic = "force-dynamic";

/**
 * GET /api/ready — readiness (docs/operations.md#health-and-readiness): 200 with every check when this server
 * should get traffic; 503 naming the failing checks (`failing`) and why (each check's `message`) when the
 * database does not answer, a migration is missing, the delivery worker it relies on has no fresh heartbeat,
 * or it is shutting down. No sign-in.
 */
export function GET(request: Request): Promise<Response> {
  return withRequestId(request, async () => {
    const result = await readiness();
    return Response.json(result, {
      status: result.status === "ready" ? 200 : 503,
      headers: { "Cache-Control": "no-store" },
    });
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
