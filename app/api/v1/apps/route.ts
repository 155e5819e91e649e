import { notAllowed } from "@/lib/api/not-allowed";
import { readJsonBody } from "@/lib/api/read-json";
import { appJson, appListItemJson } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { createApp } from "@/lib/apps/create-app";
import { originOf } from "@/lib/audit/origin";
import { requireTeam } from "@/lib/auth/access";
import { listAppsForTeam } from "@/lib/db/queries/apps";
import { createAppInput } from "@/lib/validation/app";
import { refuseUnknownFields } from "@/lib/validation/unknown-fields";

/** GET /api/v1/apps — the key's team's apps, newest first. */
export async function GET(request: Request): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const { team } = await requireTeam(actor, actor.apiKey.teamId);
    const apps = await listAppsForTeam(team.id);
    return Response.json({ apps: apps.map(appListItemJson) });
  });
}

/** POST /api/v1/apps — creates an app in the key's team (Admin or Owner keys), as My Apps → Create does. */
export async function POST(request: Request): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const body = await readJsonBody(request);
    refuseUnknownFields(createAppInput, body);
    const app = await createApp(actor, actor.apiKey.teamId, body, originOf(request.headers));
    return Response.json(appJson(app), { status: 201 });
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { PUT, PATCH, DELETE } = notAllowed("GET", "POST");
