import { notAllowed } from "@/lib/api/not-allowed";
import { readJsonBody } from "@/lib/api/read-json";
import { webhookJson } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { originOf } from "@/lib/audit/origin";
import { requireApp } from "@/lib/auth/access";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { refuseUnknownFields } from "@/lib/validation/unknown-fields";
import { webhookInput } from "@/lib/validation/webhook";
import { createWebhook } from "@/lib/webhooks/save-webhook";

type Context = { params: Promise<{ appKey: string }> };

/** GET /api/v1/apps/{appKey}/webhooks — URLs in full for Admin and Owner keys, masked for read-only keys. */
export async function GET(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { app, role } = await requireApp(actor, (await context.params).appKey);
    const webhooks = await listWebhooks(app.id);
    return Response.json({ webhooks: webhooks.map((webhook) => webhookJson(webhook, role)) });
  });
}

/** POST /api/v1/apps/{appKey}/webhooks — "Create Webhook" (Admin or Owner keys); at most three per app. */
export async function POST(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey } = await context.params;
    const body = await readJsonBody(request);
    refuseUnknownFields(webhookInput, body);
    const webhook = await createWebhook(actor, appKey, body, originOf(request.headers));
    return Response.json(webhookJson(webhook, actor.apiKey.role), { status: 201 });
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { PUT, PATCH, DELETE } = notAllowed("GET", "POST");
