import { notAllowed } from "@/lib/api/not-allowed";
import { readJsonBody } from "@/lib/api/read-json";
import { testResult } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { sendTest } from "@/lib/delivery-log/send-test";
import { sendTestInput } from "@/lib/validation/delivery";
import { refuseUnknownFields } from "@/lib/validation/unknown-fields";

type Context = { params: Promise<{ appKey: string; webhookId: string }> };

/**
 * POST /api/v1/apps/{appKey}/webhooks/{webhookId}/test — "Send test" (Admin or Owner keys): sends a sample
 * event of the chosen type to this webhook now and answers what the receiver answered (200 either way: a
 * receiver's failure is the test's result, not the request's).
 */
export async function POST(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey, webhookId } = await context.params;
    const body = await readJsonBody(request);
    refuseUnknownFields(sendTestInput, body);
    const result = await sendTest(actor, appKey, webhookId, body);
    return Response.json(testResult.parse(result));
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = notAllowed("POST");
