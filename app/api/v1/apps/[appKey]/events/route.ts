import { createRateLimiter } from "@/lib/api/rate-limiter";
import { isTooLarge, readJsonBody } from "@/lib/api/read-json";
import { apiError, errorResponse } from "@/lib/api/responses";
import { authenticateApiKey, recordApiKeyUse } from "@/lib/api-keys/api-keys";
import { env } from "@/lib/env";
import { ingestEvent } from "@/lib/ingest/ingest-event";
import { MAX_INGEST_BYTES } from "@/lib/validation/ingest";

let limiter: ReturnType<typeof createRateLimiter> | undefined;

/**
 * POST /api/v1/apps/{appKey}/events — the ingest API (events.md): `updateVersion`, `feedback`, `crashlog`
 * with a team API key. 202 once the subject, the event and its deliveries are committed.
 */
export async function POST(
  request: Request,
  context: { params: Promise<{ appKey: string }> },
): Promise<Response> {
  try {
    const key = await authenticateApiKey(request.headers.get("authorization"));
    if (!key) {
      return apiError(401, "unauthenticated", "Send a valid team API key: Authorization: Bearer ahk_…", {
        headers: { "WWW-Authenticate": "Bearer" },
      });
    }
    limiter ??= createRateLimiter(env().INGEST_RATE_PER_MINUTE);
    const wait = limiter(key.keyId);
    if (wait > 0) {
      return apiError(
        429,
        "rate_limited",
        "Too many events for this API key. Retry after the indicated time.",
        {
          headers: { "Retry-After": String(Math.ceil(wait / 1000)) },
        },
      );
    }
    const contentType = request.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return apiError(
        415,
        "unsupported_media_type",
        "Send the event as JSON with Content-Type: application/json.",
      );
    }
    const body = await readJsonBody(request, MAX_INGEST_BYTES);
    const { appKey } = await context.params;
    const result = await ingestEvent(key.teamId, appKey, body);
    await recordApiKeyUse(key.keyId);
    return Response.json(result, { status: 202 });
  } catch (error) {
    if (isTooLarge(error)) return apiError(413, "payload_too_large", error.message);
    return errorResponse(error);
  }
}
