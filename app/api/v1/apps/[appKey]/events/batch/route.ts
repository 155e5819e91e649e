import { notAllowed } from "@/lib/api/not-allowed";
import { readJsonBody } from "@/lib/api/read-json";
import { withApiKey } from "@/lib/api/with-api-key";
import { roleAtLeast } from "@/lib/domain/roles";
import { forbidden, text } from "@/lib/errors";
import { ingestBatch } from "@/lib/ingest/ingest-event";
import { countIngest } from "@/lib/observability/metrics";
import { ingestBatchBody, MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from "@/lib/validation/ingest";
import { refuseUnknownFields } from "@/lib/validation/unknown-fields";

/**
 * POST /api/v1/apps/{appKey}/events/batch — up to 100 ingest bodies in one request (an SDK flushing its
 * queue), all or nothing: 202 with `{"events": [{id, type, deliveries}…]}` in order once all are committed.
 * Same keys, roles and rate limit as the single route; a batch counts as its number of events.
 */
export async function POST(
  request: Request,
  context: { params: Promise<{ appKey: string }> },
): Promise<Response> {
  let accepted = 0;
  const response = await withApiKey(
    request,
    async ({ apiKey }, limit) => {
      if (!roleAtLeast(apiKey.role, "admin")) {
        throw forbidden(text("api.readOnlyKey"));
      }
      const body = await readJsonBody(request, MAX_BATCH_BYTES);
      refuseUnknownFields(ingestBatchBody, body);
      const { appKey } = await context.params;
      await limit.charge(eventCount(body));
      const events = await ingestBatch(apiKey.teamId, appKey, body);
      accepted = events.length;
      return Response.json({ events }, { status: 202 });
    },
    { charge: "handler" },
  );
  countIngest(response.status, accepted);
  return response;
}

/** What the batch costs in the key's rate limit: its events (a malformed batch, refused next, costs one). */
function eventCount(body: unknown): number {
  const events = (body as { events?: unknown }).events;
  return Array.isArray(events) && events.length > 0 && events.length <= MAX_BATCH_EVENTS ? events.length : 1;
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = notAllowed("POST");
