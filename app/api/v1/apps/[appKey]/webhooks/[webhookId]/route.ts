import { notAllowed } from "@/lib/api/not-allowed";
import { readJsonBody } from "@/lib/api/read-json";
import { webhookJson } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { originOf } from "@/lib/audit/origin";
import { parseInput } from "@/lib/validation/parse";
import { refuseUnknownFields } from "@/lib/validation/unknown-fields";
import { webhookPatchInput } from "@/lib/validation/webhook";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { deleteWebhook, updateWebhook } from "@/lib/webhooks/save-webhook";

type Context = { params: Promise<{ appKey: string; webhookId: string }> };

/** GET /api/v1/apps/{appKey}/webhooks/{webhookId} */
export async function GET(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey, webhookId } = await context.params;
    const { webhook, role } = await getWebhook(actor, appKey, webhookId, "member");
    return Response.json(webhookJson(webhook, role));
  });
}

/**
 * PATCH /api/v1/apps/{appKey}/webhooks/{webhookId} — "Edit" (Admin or Owner keys): the fields sent are merged
 * with the stored ones and the whole is validated as the form is. An absent `secret` keeps the stored one.
 */
export async function PATCH(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey, webhookId } = await context.params;
    const body = await readJsonBody(request);
    refuseUnknownFields(webhookPatchInput, body);
    parseInput(webhookPatchInput, body);
    const { webhook } = await getWebhook(actor, appKey, webhookId, "admin");
    const { name, type, url, language, events, enabled, digest } = webhook;
    const current = { name, type, url, language, events, enabled, digest };
    const updated = await updateWebhook(
      actor,
      appKey,
      webhookId,
      { ...current, ...(body as object) },
      originOf(request.headers),
    );
    return Response.json(webhookJson(updated, actor.apiKey.role));
  });
}

/** DELETE /api/v1/apps/{appKey}/webhooks/{webhookId} (Admin or Owner keys) */
export async function DELETE(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey, webhookId } = await context.params;
    await deleteWebhook(actor, appKey, webhookId, originOf(request.headers));
    return new Response(null, { status: 204 });
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT } = notAllowed("GET", "PATCH", "DELETE");
