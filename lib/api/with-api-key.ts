import { authenticateApiKey, recordApiKeyUse } from "@/lib/api-keys/api-keys";
import type { ApiKeyActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import { API_KEY_ACCESS_LABELS } from "@/lib/validation/api-key";
import type { Role } from "@/lib/validation/team";
import { createRateLimiter, type RateLimiter } from "./rate-limiter";
import { apiError, errorResponse } from "./responses";

let limiter: RateLimiter | undefined;

/**
 * The public API's limiter (`INGEST_RATE_PER_MINUTE` per key). withApiKey takes one token with the key check; a
 * route that stores N events takes the N − 1 others with `take(keyId, N - 1)` (at most `capacity` at once).
 */
export function apiRateLimiter(): RateLimiter {
  limiter ??= createRateLimiter(env().INGEST_RATE_PER_MINUTE);
  return limiter;
}

export const UNAUTHENTICATED_MESSAGE = "Send a valid team API key: Authorization: Bearer ahk_…";

/**
 * Runs one request of the public API (ingest included): the team API key (401 without a valid, unrevoked
 * one), the key's rate limit (429 with Retry-After; `INGEST_RATE_PER_MINUTE` per key across all server
 * processes, shared by all routes), then `handle` with the key as the Actor. Any error is answered through
 * errorResponse; the key's use ("Last used") is recorded only when the answer is a success, so a refused
 * request stores nothing.
 */
export async function withApiKey(
  request: Request,
  handle: (actor: ApiKeyActor) => Promise<Response>,
): Promise<Response> {
  let role: Role | undefined;
  try {
    // The key check and its rate limit in one statement.
    const key = await authenticateApiKey(request.headers.get("authorization"), (keys) =>
      apiRateLimiter().statement(keys),
    );
    if (!key) {
      return apiError(401, "unauthenticated", UNAUTHENTICATED_MESSAGE, {
        headers: { "WWW-Authenticate": "Bearer" },
      });
    }
    if (key.waitMs > 0) {
      return apiError(
        429,
        "rate_limited",
        "Too many requests for this API key. Retry after the indicated time.",
        { headers: { "Retry-After": String(Math.ceil(key.waitMs / 1000)) } },
      );
    }
    role = key.role;
    const response = await handle({ apiKey: { id: key.keyId, teamId: key.teamId, role: key.role } });
    if (response.ok) await recordApiKeyUse(key.keyId);
    return response;
  } catch (error) {
    return errorResponse(role ? forKey(error, role) : error);
  }
}

const ROLE_REFUSAL = forbidden().message;

/** The domain's generic "your role does not allow this", said of the key (whose access the caller chose). */
function forKey(error: unknown, role: Role): unknown {
  if (!(error instanceof AppError) || error.code !== "forbidden" || error.message !== ROLE_REFUSAL)
    return error;
  return forbidden(`This API key has ${API_KEY_ACCESS_LABELS[role]} access, which does not allow this.`);
}
