import { notAllowed } from "@/lib/api/not-allowed";
import { readJsonBody } from "@/lib/api/read-json";
import { appJson } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { deleteApp } from "@/lib/apps/delete-app";
import { updateAppSettings } from "@/lib/apps/update-settings";
import { originOf } from "@/lib/audit/origin";
import { requireApp } from "@/lib/auth/access";
import { appSettingsPatchInput } from "@/lib/validation/app-settings";
import { parseInput } from "@/lib/validation/parse";
import { refuseUnknownFields } from "@/lib/validation/unknown-fields";

type Context = { params: Promise<{ appKey: string }> };

/** GET /api/v1/apps/{appKey} */
export async function GET(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { app } = await requireApp(actor, (await context.params).appKey);
    return Response.json(appJson(app));
  });
}

/**
 * PATCH /api/v1/apps/{appKey} — Setting → General (Admin or Owner keys): the fields sent are merged with the
 * stored ones under the app's lock (two PATCHes of different fields never undo each other) and the whole is
 * validated as the form is; a change emits `settingsChange`, none writes nothing.
 */
export async function PATCH(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey } = await context.params;
    const body = await readJsonBody(request);
    refuseUnknownFields(appSettingsPatchInput, body);
    parseInput(appSettingsPatchInput, body);
    const outcome = await updateAppSettings(actor, appKey, body, "merge", originOf(request.headers));
    return Response.json(appJson(outcome.app));
  });
}

/**
 * DELETE /api/v1/apps/{appKey}?confirmName=<the app's name> — Setting → Delete (Owner keys). As the dashboard
 * makes owners type the name, the API asks for it in `confirmName`; `appDelete` is still delivered.
 */
export async function DELETE(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { appKey } = await context.params;
    const confirmName = new URL(request.url).searchParams.get("confirmName") ?? undefined;
    await deleteApp(actor, appKey, { confirmName }, originOf(request.headers));
    return new Response(null, { status: 204 });
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT } = notAllowed("GET", "PATCH", "DELETE");
