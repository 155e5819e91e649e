import { AppError } from "@/lib/errors";

/** Reads a request's body as JSON, refusing more than `maxBytes` without reading past it. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
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
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid", "The body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("invalid", "The body must be a JSON object.");
  }
  return body;
}

function tooLarge(maxBytes: number): Error {
  return Object.assign(new Error(`The body is larger than ${maxBytes / 1024} KiB.`), { status: 413 });
}

export function isTooLarge(error: unknown): error is Error & { status: 413 } {
  return error instanceof Error && (error as { status?: unknown }).status === 413;
}
