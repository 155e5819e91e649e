import { notAllowed } from "@/lib/api/not-allowed";
import { deliverySummary, jsonDates } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { redeliver } from "@/lib/delivery-log/redeliver";

type Context = { params: Promise<{ deliveryId: string }> };

/**
 * POST /api/v1/deliveries/{deliveryId}/redeliver — "Redeliver" (Admin or Owner keys): queues one more attempt
 * of the same delivery (same `webhook-id`), due now. 202: the attempt is made by a worker.
 */
export async function POST(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const summary = await redeliver(actor, (await context.params).deliveryId);
    return Response.json(deliverySummary.parse(jsonDates(summary)), { status: 202 });
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = notAllowed("POST");
