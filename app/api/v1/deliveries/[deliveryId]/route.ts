import { notAllowed } from "@/lib/api/not-allowed";
import { deliveryDetail, jsonDates } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { getDelivery } from "@/lib/delivery-log/get-delivery";

type Context = { params: Promise<{ deliveryId: string }> };

/** GET /api/v1/deliveries/{deliveryId} — one delivery with each attempt's request and response. */
export async function GET(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const delivery = await getDelivery(actor, (await context.params).deliveryId);
    return Response.json(deliveryDetail.parse(jsonDates(delivery)));
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
