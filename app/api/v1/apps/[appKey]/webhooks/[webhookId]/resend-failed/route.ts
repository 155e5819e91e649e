import { notAllowed } from "@/lib/api/not-allowed";
import { readJsonBody } from "@/lib/api/read-json";
import { resendFailedResult } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { originOf } from "@/lib/audit/origin";
import { resendFailed } from "@/lib/delivery-log/resend-failed";
import { resendFailedInput } from "@/lib/validation/delivery";
import { refuseUnknownFields } from "@/lib/validation/unknown-fields";

type Context = { params: Promise<{ appKey: string; webhookId: string }> };

/**
 * POST /api/v1/apps/{appKey}/webhooks/{webhookId}/resend-failed — "Resend failed since…" (Admin or Owner keys):
 * queues one more attempt of the webhook's failed deliveries since a time, at most 10,000 a request. 202.
 */
export async function POST(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey, webhookId } = await context.params;
    const body = await readJsonBody(request);
    refuseUnknownFields(resendFailedInput, body);
    const result = await resendFailed(actor, appKey, webhookId, body, originOf(request.headers));
    return Response.json(resendFailedResult.parse(result), { status: 202 });
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = notAllowed("POST");
