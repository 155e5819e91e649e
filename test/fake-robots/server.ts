import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Fake chat-robot services for tests. Each fake is written from its service's public documentation (named at
 * the top of its file), never from AppHooks' code: no file here imports product code
 * (test/fake-robots/independent.test.ts checks it), so a misreading of a service's rules in lib/delivery/formats
 * cannot also be the fake's. Each enforces its service's documented rules — credentials, signature, keywords,
 * body shape, size and rate limits — and answers the way the service does, at its service's real path.
 */

/** Milliseconds since the epoch; tests share a fast one with the worker so that minutes pass in seconds. */
export type Clock = () => number;

export type FakeRequest = {
  url: URL;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** On the fake's clock. */
  at: number;
};

/** An answer, or "hang": the fake keeps the request open (a response lost on the way). */
export type FakeAnswer = { status: number; headers?: Record<string, string>; body?: string } | "hang";

/** What a fake answered to a request: `accepted` when the message was posted to the chat. */
export type Exchange = {
  request: FakeRequest;
  status: number | null;
  body: string;
  accepted: boolean;
  /** The service's error code when it gave one (errcode / code / error code), else null. */
  code: number | string | null;
};

/**
 * A service's judgement of one request: its answer, and the message it posts to the chat (null when it posts
 * nothing: refused, or — Teams Workflows — accepted and then failed in the flow run).
 */
export type Verdict = {
  answer: FakeAnswer;
  posted: Record<string, unknown> | null;
  code: number | string | null;
};

/** Forced answers for the next requests, before any rule: the service's rate-limit answer, or a lost response. */
export type Forced = "rate-limit" | "accept-then-hang";

/** At most `max` messages in any `perMs` on the fake's clock. */
export type RateRule = { max: number; perMs: number };

export abstract class FakeRobot {
  abstract readonly service: string;
  /** Every request and what the fake answered. */
  readonly exchanges: Exchange[] = [];
  /** The messages posted to the chat, in order. */
  readonly posted: Array<{ at: number; body: Record<string, unknown> }> = [];
  private readonly forced: Forced[] = [];

  constructor(
    readonly clock: Clock,
    /** Rate rules the fake enforces (none by default). */
    readonly rateRules: RateRule[] = [],
  ) {}

  /** The path and query of this robot's URL (with its credentials). */
  abstract readonly path: string;

  /** Whether a request goes to this service's path (the credentials are checked by `judge`, as the service does). */
  abstract matches(url: URL): boolean;

  /** The service's own judgement of a request, before its rate limit. */
  protected abstract judge(request: FakeRequest): Verdict;

  /** The service's answer when a sender is over its rate limit. */
  protected abstract rateLimited(request: FakeRequest): Verdict;

  /** Forces the answers to the next requests, in order. */
  force(...answers: Forced[]): void {
    this.forced.push(...answers);
  }

  get rejected(): Exchange[] {
    return this.exchanges.filter((exchange) => !exchange.accepted);
  }

  /** Whether one more message now would break a rate rule (services that also block for a while override it). */
  protected overRate(now: number): boolean {
    return this.rateRules.some(
      (rule) => this.posted.filter((message) => message.at > now - rule.perMs).length >= rule.max,
    );
  }

  handle(request: FakeRequest): FakeAnswer {
    const forced = this.forced.shift();
    let verdict = forced === "rate-limit" ? this.rateLimited(request) : this.judge(request);
    if (verdict.posted && this.overRate(request.at)) verdict = this.rateLimited(request);
    if (verdict.posted) this.posted.push({ at: request.at, body: verdict.posted });
    this.exchanges.push({
      request,
      status: verdict.answer === "hang" ? null : verdict.answer.status,
      body: verdict.answer === "hang" ? "" : (verdict.answer.body ?? ""),
      accepted: verdict.posted !== null,
      code: verdict.code,
    });
    return verdict.posted && forced === "accept-then-hang" ? "hang" : verdict.answer;
  }

  /** Most messages this robot posted within any `perMs` (to prove a limit was kept). */
  busiestWindow(perMs: number): number {
    const times = this.posted.map((message) => message.at).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; j < times.length; j++) {
      while ((times[j] ?? 0) - (times[i] ?? 0) >= perMs) i++;
      most = Math.max(most, j - i + 1);
    }
    return most;
  }
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): FakeAnswer => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(value),
});

export const text = (status: number, value: string, headers: Record<string, string> = {}): FakeAnswer => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  body: value,
});

/** The request body as a JSON object, or null when it is not one. */
export function jsonBody(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Whether the request says its body is JSON. */
export function isJson(request: FakeRequest): boolean {
  return /^application\/json\s*(;|$)/i.test(request.headers["content-type"] ?? "");
}

/** A field of an object, as an object (or undefined). */
export function field(value: unknown, name: string): Record<string, unknown> | undefined {
  const inner = value && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
  return inner && typeof inner === "object" && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : undefined;
}

/** A string field of an object, or undefined. */
export function textOf(value: unknown, name: string): string | undefined {
  const inner = value && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
  return typeof inner === "string" ? inner : undefined;
}

export const bytes = (value: string) => Buffer.byteLength(value, "utf8");
export const characters = (value: string | undefined) => (value === undefined ? 0 : [...value].length);

export type FakeRobots = {
  /** Starts a fake on its own local port (one robot per port, as each real robot has its own URL). */
  add<T extends FakeRobot>(robot: T): Promise<T & { url: string }>;
  close(): Promise<void>;
};

/** Fake robots on local ports; `close` stops them all. */
export function fakeRobots(): FakeRobots {
  const servers: Server[] = [];
  return {
    async add(robot) {
      const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
          const url = new URL(request.url ?? "/", "http://fake-robot");
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(request.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          const body = Buffer.concat(chunks).toString("utf8");
          const reply =
            request.method === "POST" && robot.matches(url)
              ? robot.handle({ url, headers, body, at: robot.clock() })
              : text(404, "404 page not found");
          if (reply === "hang") return;
          response.writeHead(reply.status, reply.headers ?? {});
          response.end(reply.body ?? "");
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      servers.push(server);
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return Object.assign(robot, { url: `${origin}${robot.path}` });
    },
    close: async () => {
      await Promise.all(
        servers.splice(0).map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

/**
 * A clock the test moves forward: real time plus the jumps made with `advance`. Between jumps time runs at
 * its real pace, so the delays of sending (a few ms, more on a busy machine) stay small against the limiter's
 * margins; a speeded-up clock would magnify them.
 */
export function steppedClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return Object.assign(() => Date.now() + offset, {
    advance(ms: number) {
      offset += ms;
    },
  });
}

/** A clock that runs `speed` times faster than real time, from now on. */
export function fastClock(speed: number): Clock {
  const start = Date.now();
  return () => start + (Date.now() - start) * speed;
}

let counter = 0;
/** A token unique in this process: each fake robot gets its own. */
export function token(prefix = "tok"): string {
  counter++;
  return `${prefix}${counter.toString(16).padStart(6, "0")}${Math.random().toString(16).slice(2, 10)}`;
}
