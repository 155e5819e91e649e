import "server-only";
import { AppError, text } from "@/lib/errors";

/** The most a JSON body of the public API may hold (the ingest API sets its own, larger limit). */
export const MAX_JSON_BYTES = 64 * 1024;

/** A refusal of the request itself (not of its content), answered with its own HTTP status. */
export class RequestError extends Error {
  readonly status: 413 | 415;
  readonly code: "payload_too_large" | "unsupported_media_type";

  constructor(status: 413 | 415, message: string) {
    super(message);
    this.name = "RequestError";
    this.status = status;
    this.code = status === 413 ? "payload_too_large" : "unsupported_media_type";
  }
}

/**
 * Reads a request's body as a JSON object: 415 unless it is sent as `application/json`, 413 over `maxBytes`
 * (without reading past it), `invalid` (400) when it is not valid JSON or not an object.
 */
export async function readJsonBody(request: Request, maxBytes: number = MAX_JSON_BYTES): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new RequestError(415, "Send the body as JSON with Content-Type: application/json.");
  }
  const raw = await readBodyText(request, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError("invalid", text("api.bodyNotJson"));
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("invalid", text("api.bodyNotObject"));
  }
  return body;
}

/** A request's body as UTF-8 text: 413 over `maxBytes`, without reading past it. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number): RequestError {
  return new RequestError(413, `The body is larger than ${maxBytes / 1024} KiB.`);
}
