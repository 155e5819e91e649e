import { notAllowed } from "@/lib/api/not-allowed";
import { RequestError, readBodyText } from "@/lib/api/read-json";
import { INBOX_LIMITS, isInboxToken } from "@/lib/domain/test-inbox";
import { receiveAtInbox } from "@/lib/inbox/receive";

export const dynamic = "force-dynamic";

/** Headers a test inbox does not keep: a browser's or a proxy's credentials are not the sender's request. */
const DROPPED = new Set(["cookie", "authorization", "proxy-authorization"]);

/**
 * A test inbox over HTTP (docs/delivery.md#test-inbox): what the engine delivers inside the process, a request
 * replayed with "Copy as cURL" or sent by any tool arrives here. Its token is the only credential.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!isInboxToken(token)) return Response.json({ error: "No such test inbox." }, { status: 404 });
  let body: string;
  try {
    body = await readBodyText(request, INBOX_LIMITS.bodyBytes);
  } catch (error) {
    if (error instanceof RequestError)
      return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (!DROPPED.has(name)) headers[name] = value;
  });
  const answer = await receiveAtInbox({
    token,
    method: request.method,
    headers,
    body,
    via: "http",
    signal: request.signal,
  });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** Every other method: the API's JSON 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = notAllowed("POST");
