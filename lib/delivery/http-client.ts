import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent, buildConnector, request } from "undici";
import { ipLiteral, isPublicAddress } from "./address-policy";
import type { AttemptOutcome } from "./judge";

/** Response bodies are kept up to this size; the rest is not read. */
export const MAX_RESPONSE_BODY = 16 * 1024;

/** A connection refused because the target address is not public (docs/security.md#ssrf). */
export class BlockedAddressError extends Error {
  readonly code = "E_APPHOOKS_BLOCKED_ADDRESS";
  constructor(readonly address: string) {
    super(`Refused to connect to ${address}: a private or local address, which webhooks may not target`);
    this.name = "BlockedAddressError";
  }
}

export type HttpClientOptions = {
  connectTimeoutMs: number;
  allowPrivateTargets: boolean;
  /** Host name resolution; node's dns.lookup by default (tests pass a fake). */
  lookup?: (hostname: string) => Promise<LookupAddress[]>;
};

export type HttpRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The whole attempt (connect, headers, body) must end within this. */
  timeoutMs: number;
};

export type HttpResult = {
  outcome: AttemptOutcome;
  responseHeaders: Record<string, string> | null;
  /** The first 16 KiB of the response body, as UTF-8. */
  responseBody: string | null;
  durationMs: number;
};

export type HttpClient = {
  post(request: HttpRequest): Promise<HttpResult>;
  close(): Promise<void>;
};

function defaultLookup(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

/**
 * net.connect's `lookup`: resolves the name, then refuses the connection when any address is not public,
 * so the check is made on the addresses actually connected to (no DNS-rebinding window).
 */
function safeLookup(options: HttpClientOptions): LookupFunction {
  const resolve = options.lookup ?? defaultLookup;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname)
      .then((found) => {
        const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const addresses = family ? found.filter((a) => a.family === family) : found;
        const first = addresses[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = "ENOTFOUND";
          callback(error, "", 0);
          return;
        }
        if (!options.allowPrivateTargets) {
          const blocked = addresses.find((a) => !isPublicAddress(a.address));
          if (blocked) {
            callback(new BlockedAddressError(blocked.address), "", 0);
            return;
          }
        }
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 0));
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Turns an error from undici into an outcome: refused address, timeout, or connection error. */
function classify(error: unknown, timedOut: boolean, timeoutMs: number): AttemptOutcome {
  const chain = errorChain(error);
  const blocked = chain.find((e): e is BlockedAddressError => e instanceof BlockedAddressError);
  if (blocked) return { kind: "error", error: "blocked", message: blocked.message };
  const codes = chain.map((e) => (e as { code?: unknown }).code);
  if (timedOut || codes.includes("UND_ERR_HEADERS_TIMEOUT") || codes.includes("UND_ERR_BODY_TIMEOUT")) {
    return { kind: "error", error: "timeout", message: `Timed out after ${timeoutMs} ms` };
  }
  if (codes.includes("UND_ERR_CONNECT_TIMEOUT")) {
    return { kind: "error", error: "timeout", message: `Connect timeout: ${errorText(error)}` };
  }
  return { kind: "error", error: "connect", message: errorText(error) };
}

/**
 * The engine's HTTP client: one keep-alive undici Agent whose connections are checked against the address
 * policy (IP literals before connecting, names in the socket's own DNS lookup), a connect timeout, a total
 * timeout per attempt, no redirects, and at most 16 KiB of each response body read.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const connector = buildConnector({ timeout: options.connectTimeoutMs, lookup: safeLookup(options) });
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: (connectOptions, callback) => {
      // net.connect skips `lookup` for IP literals: check them here, on every new connection.
      const literal = ipLiteral(connectOptions.hostname);
      if (literal && !options.allowPrivateTargets && !isPublicAddress(literal)) {
        callback(new BlockedAddressError(literal), null);
        return;
      }
      connector(connectOptions, callback);
    },
  });

  async function post(input: HttpRequest): Promise<HttpResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      return result({ kind: "error", error: "invalid", message: "The webhook URL is not a valid URL" });
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) {
      return result({
        kind: "error",
        error: "invalid",
        message: "The webhook URL must be http(s) without credentials",
      });
    }
    const literal = ipLiteral(url.hostname);
    if (literal && !options.allowPrivateTargets && !isPublicAddress(literal)) {
      return result({ kind: "error", error: "blocked", message: new BlockedAddressError(literal).message });
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, input.timeoutMs);
    try {
      const response = await request(url, {
        method: "POST",
        headers: input.headers,
        body: input.body,
        dispatcher: agent,
        signal: controller.signal,
        headersTimeout: input.timeoutMs,
        bodyTimeout: input.timeoutMs,
      });
      const headers = flattenHeaders(response.headers);
      const { text, error } = await readCapped(response.body);
      const outcome: AttemptOutcome = { kind: "response", status: response.statusCode, headers };
      return {
        outcome,
        responseHeaders: headers,
        responseBody: error ? `${text}\n[response body not read to the end: ${error}]` : text,
        durationMs: elapsed(),
      };
    } catch (error) {
      return result(classify(error, timedOut, input.timeoutMs));
    } finally {
      clearTimeout(timer);
    }

    function result(outcome: AttemptOutcome): HttpResult {
      return { outcome, responseHeaders: null, responseBody: null, durationMs: elapsed() };
    }
  }

  return { post, close: () => agent.close() };
}

/** Reads up to MAX_RESPONSE_BODY bytes, then destroys the stream (the connection is not reused then). */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown },
): Promise<{ text: string; error: string | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const room = MAX_RESPONSE_BODY - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (size >= MAX_RESPONSE_BODY) {
        body.destroy();
        break;
      }
    }
    return { text: Buffer.concat(chunks).toString("utf8"), error: null };
  } catch (error) {
    body.destroy();
    return { text: Buffer.concat(chunks).toString("utf8"), error: errorText(error) };
  }
}
