import { createApiKey } from "@/lib/api-keys/api-keys";
import type { Role } from "@/lib/domain/roles";
import type { TeamWithApp } from "@/test/factories";

export type ApiError = { code: string; message: string; fields?: Record<string, string> };

export type ApiAnswer = {
  status: number;
  headers: Headers;
  /** The parsed body; null for an empty one (204). */
  json: Record<string, unknown> & { error?: ApiError };
};

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export type ApiCall<P> = {
  /** Path parameters, as Next passes them. */
  params?: P;
  key?: string;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
  contentType?: string;
  query?: Record<string, string>;
};

/** Calls a route handler directly, as Next would: a Request with the key as a bearer token. */
export async function callApi<P>(
  handler: Handler<P>,
  method: string,
  { params, key, body, raw, contentType = "application/json", query }: ApiCall<P> = {},
): Promise<ApiAnswer> {
  const url = new URL("http://localhost/api/v1/test");
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  const hasBody = body !== undefined || raw !== undefined;
  if (hasBody) headers["content-type"] = contentType;
  const request = new Request(url, {
    method,
    headers,
    body: hasBody ? (raw ?? JSON.stringify(body)) : undefined,
  });
  const response = await handler(request, { params: Promise.resolve(params as P) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

/** An API key of the fixture's team with this access, created by the team's owner. */
export async function keyFor(fixture: TeamWithApp, role: Role = "admin"): Promise<string> {
  const { key } = await createApiKey(fixture.owner.user.id, fixture.team.id, { name: `${role} key`, role });
  return key;
}
