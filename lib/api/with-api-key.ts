import "server-only";
import { authenticateApiKey, recordApiKeyUse } from "@/lib/api-keys/api-keys";
import type { ApiKeyActor } from "@/lib/auth/actor";
import type { Role } from "@/lib/domain/roles";
import { env } from "@/lib/env";
import { AppError, forbidden, text } from "@/lib/errors";
import { withRequestId } from "@/lib/observability/request-context";
import { API_KEY_ACCESS_LABELS } from "@/lib/validation/api-key";
import { createRateLimiter, type RateLimiter, takeParams } from "./rate-limiter";
import { apiError, errorResponse } from "./responses";

let limiter: RateLimiter | undefined;

/** The public API's limiter (`INGEST_RATE_PER_MINUTE` per key, one bucket across all server processes). */
function apiRateLimiter(): RateLimiter {
  limiter ??= createRateLimiter(env().INGEST_RATE_PER_MINUTE);
  return limiter;
}

export const UNAUTHENTICATED_MESSAGE = "Send a valid team API key: Authorization: Bearer ahk_…";

/** The key's rate limit, for a route that charges it itself (a batch costs its number of events). */
export type RateLimit = { charge(cost: number): Promise<void> };

/** Refused by the key's rate limit: `waitMs` until it would be allowed (Infinity: never at this cost). */
class RateLimited extends Error {
  constructor(readonly waitMs: number) {
    super("rate limited");
  }
}

/**
 * Runs one request of the public API (ingest included): the team API key (401 without a valid, unrevoked
 * one), the key's rate limit (429 with Retry-After; `INGEST_RATE_PER_MINUTE` per key across all server
 * processes, shared by all routes), then `handle` with the key as the Actor. The key check and a request's
 * take from the limit are one statement; with `charge: "handler"` the route charges the limit itself, once it
 * knows the cost (`limit.charge(n)`). Any error is answered through errorResponse; the key's use ("Last
 * used") is recorded only when the answer is a success, so a refused request stores nothing. The request runs
 * under its request id (lib/observability/request-context.ts), echoed in `X-Request-Id`.
 */
export function withApiKey(
  request: Request,
  handle: (actor: ApiKeyActor, limit: RateLimit) => Promise<Response>,
  options: { charge?: "request" | "handler" } = {},
): Promise<Response> {
  return withRequestId(request, () => answer(request, handle, options));
}

async function answer(
  request: Request,
  handle: (actor: ApiKeyActor, limit: RateLimit) => Promise<Response>,
  options: { charge?: "request" | "handler" },
): Promise<Response> {
  let role: Role | undefined;
  try {
    const limits = apiRateLimiter();
    const perRequest = options.charge !== "handler";
    const key = await authenticateApiKey(
      request.headers.get("authorization"),
      perRequest ? takeParams(limits, 1) : undefined,
    );
    if (!key) {
      return apiError(401, "unauthenticated", UNAUTHENTICATED_MESSAGE, {
        headers: { "WWW-Authenticate": "Bearer" },
      });
    }
    if (key.waitMs > 0) throw new RateLimited(key.waitMs);
    const limit: RateLimit = {
      async charge(cost) {
        const wait = await limits.take(key.keyId, cost);
        if (wait > 0) throw new RateLimited(wait);
      },
    };
    role = key.role;
    const response = await handle({ apiKey: { id: key.keyId, teamId: key.teamId, role: key.role } }, limit);
    if (response.ok) await recordApiKeyUse(key.keyId);
    return response;
  } catch (error) {
    if (error instanceof RateLimited) return rateLimited(error.waitMs);
    return errorResponse(role ? forKey(error, role) : error);
  }
}

function rateLimited(waitMs: number): Response {
  if (waitMs === Number.POSITIVE_INFINITY) {
    return apiError(
      429,
      "rate_limited",
      "This batch holds more events than this API key's rate limit allows at once. Send fewer per request.",
    );
  }
  return apiError(
    429,
    "rate_limited",
    "Too many requests for this API key. Retry after the indicated time.",
    {
      headers: { "Retry-After": String(Math.ceil(waitMs / 1000)) },
    },
  );
}

const ROLE_REFUSAL = forbidden().message;

/** The domain's generic "your role does not allow this", said of the key (whose access the caller chose). */
function forKey(error: unknown, role: Role): unknown {
  if (!(error instanceof AppError) || error.code !== "forbidden" || error.message !== ROLE_REFUSAL)
    return error;
  return forbidden(text("api.keyAccess", { access: API_KEY_ACCESS_LABELS[role] }));
}
