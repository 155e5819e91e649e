import { notAllowed } from "@/lib/api/not-allowed";
import { readJsonBody } from "@/lib/api/read-json";
import { withApiKey } from "@/lib/api/with-api-key";
import { roleAtLeast } from "@/lib/domain/roles";
import { forbidden, text } from "@/lib/errors";
import { ingestEvent } from "@/lib/ingest/ingest-event";
import { countIngest } from "@/lib/observability/metrics";
import { MAX_INGEST_BYTES } from "@/lib/validation/ingest";

/**
 * POST /api/v1/apps/{appKey}/events — the ingest API (docs/events.md#ingest-api): `updateVersion`, `feedback`, `crashlog`
 * with a team API key (Admin or Owner access). 202 once the subject, the event and its deliveries are committed.
 */
export async function POST(
  request: Request,
  context: { params: Promise<{ appKey: string }> },
): Promise<Response> {
  const response = await withApiKey(request, async ({ apiKey }) => {
    if (!roleAtLeast(apiKey.role, "admin")) {
      throw forbidden(text("api.readOnlyKey"));
    }
    const body = await readJsonBody(request, MAX_INGEST_BYTES);
    const { appKey } = await context.params;
    return Response.json(await ingestEvent(apiKey.teamId, appKey, body), { status: 202 });
  });
  countIngest(response.status, 1);
  return response;
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = notAllowed("POST");
