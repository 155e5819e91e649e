import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What the log knows about the request being served: its id (lib/observability/log.ts adds it to every line). */
export type RequestContext = { requestId: string };

export const REQUEST_ID_HEADER = "X-Request-Id";

/** A caller's request id is kept when it is 1–128 characters of letters, digits and `-_.:`; else a new one. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

// On globalThis: Next.js bundles instrumentation and each route apart, and they must share one store.
const holder = globalThis as typeof globalThis & {
  __apphooksRequests?: { storage: AsyncLocalStorage<RequestContext>; inFlight: number; closing: boolean };
};
holder.__apphooksRequests ??= { storage: new AsyncLocalStorage(), inFlight: 0, closing: false };
const state = holder.__apphooksRequests;

/** The request's id: the caller's `X-Request-Id` when well-formed, otherwise a new UUID. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get(REQUEST_ID_HEADER);
  return given && WELL_FORMED.test(given) ? given : randomUUID();
}

/** The context of the request this code runs for, if any. */
export function currentRequest(): RequestContext | undefined {
  return state.storage.getStore();
}

/** API requests being answered right now (graceful shutdown waits for them). */
export function requestsInFlight(): number {
  return state.inFlight;
}

/**
 * From now on every /api request is answered 503 at once, without running its handler: the last step of a
 * graceful shutdown, so that the requests in flight can finish while new ones are told to retry elsewhere.
 */
export function refuseNewRequests(): void {
  state.closing = true;
}

/** Resolves once no API request is being answered, or after `timeoutMs` (then with how many still are). */
export async function requestsSettled(timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (state.inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return state.inFlight;
}

/**
 * Answers an /api request with `handle` inside its context (so every log line written meanwhile names the
 * request), and echoes the request id in the response's `X-Request-Id`.
 */
export async function withRequestId(request: Request, handle: () => Promise<Response> | Response) {
  const requestId = requestIdOf(request);
  if (state.closing) return withHeader(shuttingDown(), requestId);
  state.inFlight++;
  try {
    const response = await state.storage.run({ requestId }, handle);
    return withHeader(response, requestId);
  } finally {
    state.inFlight--;
  }
}

/** The API's error shape (lib/api/responses.ts), for a request that comes in while the server closes. */
function shuttingDown(): Response {
  const error = { code: "unavailable", message: "This server is shutting down. Retry in a moment." };
  return Response.json({ error }, { status: 503, headers: { "Retry-After": "1" } });
}

/** The response with the id header; a response whose headers are immutable (a redirect) is copied. */
function withHeader(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
