import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the receiver got it; `at` is Date.now() when its body had arrived. */
export type ReceivedRequest = {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  at: number;
  /** The client's port: the same for requests sent over one kept-alive connection. */
  remotePort: number;
};

/** How the receiver answers one request: a status, a full response, or never (the request hangs). */
export type Step = number | { status: number; headers?: Record<string, string>; body?: string } | "hang";

export type Receiver = {
  port: number;
  /** http://127.0.0.1:<port><path> */
  url(path: string): string;
  /** Every request so far, in arrival order. */
  requests: ReceivedRequest[];
  requestsTo(path: string): ReceivedRequest[];
  /** Answers to the next requests to `path`, in order; the last one repeats. Unscripted paths answer 200. */
  script(path: string, steps: Step[]): void;
  /** Resolves once `predicate` holds for the requests (checked on every request), or rejects after timeoutMs. */
  waitFor(predicate: (requests: ReceivedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves once `path` has received `count` requests. */
  waitForCount(path: string, count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** A local HTTP receiver on 127.0.0.1 and a random port that plays the customer's endpoint in tests. */
export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const scripts = new Map<string, Step[]>();
  const waiters = new Set<() => void>();

  const answer = (path: string, response: ServerResponse) => {
    const steps = scripts.get(path);
    const step: Step = steps && steps.length > 1 ? (steps.shift() as Step) : (steps?.[0] ?? 200);
    if (step === "hang") return; // never answers; closed by close()
    const { status, headers, body } = typeof step === "number" ? { status: step } : step;
    response.writeHead(status, { "content-type": "text/plain", ...headers });
    response.end(body ?? (status < 300 ? "ok" : `status ${status}`));
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://receiver").pathname;
      requests.push({
        path,
        method: request.method ?? "",
        headers: flatHeaders(request),
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
        remotePort: request.socket.remotePort ?? 0,
      });
      answer(path, response);
      for (const waiter of waiters) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = (predicate: (requests: ReceivedRequest[]) => boolean, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (predicate(requests)) return resolve();
      const check = () => {
        if (!predicate(requests)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`receiver: condition not met within ${timeoutMs} ms (${requests.length} requests)`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
    });

  const requestsTo = (path: string) => requests.filter((request) => request.path === path);

  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    requestsTo,
    script: (path, steps) => {
      scripts.set(path, [...steps]);
    },
    waitFor,
    waitForCount: (path, count, timeoutMs) => waitFor(() => requestsTo(path).length >= count, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
