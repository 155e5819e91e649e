import { notAllowed } from "@/lib/api/not-allowed";
import { auditPage, jsonDates } from "@/lib/api/schemas";
import { withApiKey } from "@/lib/api/with-api-key";
import { listAudit } from "@/lib/audit/list-audit";

/**
 * GET /api/v1/audit?actor=&app=&kind=&since=&until=&limit=&cursor= — the key's team's audit log, newest first, a
 * page at a time (pass `nextCursor` as `cursor`). Admin and Owner keys (docs/audit.md).
 */
export async function GET(request: Request): Promise<Response> {
  return withApiKey(request, async (actor) => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const page = await listAudit(actor, actor.apiKey.teamId, query);
    return Response.json(auditPage.parse(jsonDates(page)));
  });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = notAllowed("GET");
