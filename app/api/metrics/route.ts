import { hasBearerToken } from "@/lib/api/bearer-token";
import { notAllowed } from "@/lib/api/not-allowed";
import { apiError } from "@/lib/api/responses";
import { env } from "@/lib/env";
import { renderMetrics } from "@/lib/observability/metrics";
import { withRequestId } from "@/lib/observability/request-context";

export const dynamic = "force-dynamic";

/**
 * GET /api/metrics — Prometheus metrics (docs/operations.md#metrics), for a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>`. Off (404) unless METRICS_TOKEN is set; 401 without the token.
 */
export function GET(request: Request): Promise<Response> {
  return withRequestId(request, async () => {
    const token = env().METRICS_TOKEN;
    if (!token) {
      return apiError(
        404,
        "not_found",
        "Metrics are not enabled on this server: set METRICS_TOKEN to enable them.",
      );
    }
    if (!hasBearerToken(request, token)) {
      return apiError(
        401,
        "unauthenticated",
        "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.",
        {
          headers: { "WWW-Authenticate": "Bearer" },
        },
      );
    }
    const { contentType, body } = await renderMetrics();
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
