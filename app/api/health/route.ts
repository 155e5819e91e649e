import { notAllowed } from "@/lib/api/not-allowed";
import { withRequestId } from "@/lib/observability/request-context";

export const dynamic = "force-dynamic";

/**
 * GET /api/health — liveness (docs/operations.md#health-and-readiness): 200 whenever this process answers
 * HTTP. It reads nothing else, so a database outage never gets a healthy process restarted; whether it should
 * get traffic is /api/ready's question. No sign-in.
 */
export function GET(request: Request): Promise<Response> {
  return withRequestId(request, () =>
    Response.json(
      { status: "ok", uptimeSeconds: Math.round(process.uptime()) },
      { headers: { "Cache-Control": "no-store" } },
    ),
  );
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
