import { hasBearerToken } from "@/lib/api/bearer-token";
import { notAllowed } from "@/lib/api/not-allowed";
import { apiError, errorResponse } from "@/lib/api/responses";
import { runMaintenance } from "@/lib/delivery/maintenance";
import { drainOnce } from "@/lib/delivery/worker";
import { env } from "@/lib/env";
import { withRequestId } from "@/lib/observability/request-context";

/**
 * POST /api/v1/deliveries/drain — for hosts without long-lived processes: a cron job calls it to send every
 * due delivery now, then run one maintenance pass (automatic disable, retention). Off unless DELIVERY_DRAIN_TOKEN
 * is set; the caller sends `Authorization: Bearer <token>`.
 */
export function POST(request: Request): Promise<Response> {
  return withRequestId(request, () => drain(request));
}

async function drain(request: Request): Promise<Response> {
  const token = env().DELIVERY_DRAIN_TOKEN;
  if (!token) return apiError(404, "not_found", "Draining by request is not enabled on this server.");
  if (!hasBearerToken(request, token)) {
    return apiError(
      401,
      "unauthenticated",
      "Send the drain token: Authorization: Bearer <DELIVERY_DRAIN_TOKEN>.",
    );
  }
  try {
    const delivered = await drainOnce();
    // No long-lived process runs the maintenance loop on such hosts: one pass per call.
    const { disabled, purged } = await runMaintenance();
    return Response.json({
      ...delivered,
      maintenance: { disabledWebhooks: disabled.length, purged },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = notAllowed("POST");
