import { notAllowed } from "@/lib/api/not-allowed";
import { auditEntryResource, jsonDates } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { getAuditEntry } from "@/lib/audit/list-audit";

type Context = { params: Promise<{ entryId: string }> };

/** GET /api/v1/audit/{entryId} — one entry of the key's team's audit log; another team's is 404. */
export async function GET(request: Request, context: Context): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const entry = await getAuditEntry(actor, actor.apiKey.teamId, (await context.params).entryId);
    return Response.json(auditEntryResource.parse(jsonDates(entry)));
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
