import { describe, expect, test } from "vitest";
import {
  currentRequest,
  refuseNewRequests,
  requestIdOf,
  requestsInFlight,
  withRequestId,
} from "./request-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const request = (id?: string) =>
  new Request("http://localhost/api/health", { headers: id === undefined ? {} : { "X-Request-Id": id } });

describe("request ids", () => {
  test("a well-formed X-Request-Id is kept; a missing, empty, too long or odd one is replaced by a UUID", () => {
    expect(requestIdOf(request("abc-123_x.y:z"))).toBe("abc-123_x.y:z");
    expect(requestIdOf(request("a".repeat(128)))).toBe("a".repeat(128));
    for (const bad of [undefined, "", "a".repeat(129), "has space", "caf\u00e9", "a;b", "<script>", "a/b"]) {
      expect(requestIdOf(request(bad)), String(bad)).toMatch(UUID);
    }
  });

  test("the handler runs with the id, the response carries it, and the request counts as in flight meanwhile", async () => {
    let seen: string | undefined;
    let inFlight = -1;
    const response = await withRequestId(request("trace-1"), () => {
      seen = currentRequest()?.requestId;
      inFlight = requestsInFlight();
      return Response.json({ ok: true }, { status: 202 });
    });
    expect(seen).toBe("trace-1");
    expect(inFlight).toBe(1);
    expect(requestsInFlight()).toBe(0);
    expect(response.status).toBe(202);
    expect(response.headers.get("X-Request-Id")).toBe("trace-1");
    expect(currentRequest()).toBeUndefined();
  });

  test("a response with immutable headers (a redirect) is answered as a copy with the id", async () => {
    const response = await withRequestId(request(), () => Response.redirect("http://localhost/login", 302));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://localhost/login");
    expect(response.headers.get("x-request-id")).toMatch(UUID);
  });

  test("a handler that throws still ends the request", async () => {
    await expect(
      withRequestId(request(), () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(requestsInFlight()).toBe(0);
  });
});

// Last in this file: it switches the process's API off for good.
describe("while the server closes (the end of a graceful shutdown)", () => {
  test("a new API request is answered 503 at once, without running its handler", async () => {
    refuseNewRequests();
    let ran = false;
    const response = await withRequestId(request("late-1"), () => {
      ran = true;
      return new Response("{}");
    });
    expect(ran).toBe(false);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.headers.get("x-request-id")).toBe("late-1");
    expect(await response.json()).toEqual({
      error: { code: "unavailable", message: "This server is shutting down. Retry in a moment." },
    });
    expect(requestsInFlight()).toBe(0);
  });
});
