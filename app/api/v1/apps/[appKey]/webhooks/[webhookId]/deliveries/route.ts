import { notAllowed } from "@/lib/api/not-allowed";
import { deliveryPage, jsonDates } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";

type Context = { params: Promise<{ appKey: string; webhookId: string }> };

/**
 * GET /api/v1/apps/{appKey}/webhooks/{webhookId}/deliveries?status=&event=&limit=&cursor= — the webhook's
 * recent deliveries, newest first, a page at a time (pass `nextCursor` as `cursor`).
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey, webhookId } = await context.params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const page = await listDeliveries(actor, appKey, webhookId, query);
    return Response.json(deliveryPage.parse(jsonDates(page)));
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
