import { describe, expect, test } from "vitest";
import { judge, parseRetryAfter } from "./judge";

const response = (status: number, headers: Record<string, string> = {}) =>
  ({ kind: "response", status, headers }) as const;

describe("judge", () => {
  test.each([200, 201, 202, 204, 299])("%i is a success", (status) => {
    expect(judge(response(status))).toEqual({ kind: "success" });
  });

  test.each([408, 425, 429, 500, 502, 503, 504, 599])("%i is retried", (status) => {
    expect(judge(response(status))).toMatchObject({ kind: "retry", reason: `HTTP ${status}` });
  });

  test.each([400, 401, 403, 404, 410, 413, 422])("%i fails fast", (status) => {
    expect(judge(response(status))).toEqual({ kind: "fail", reason: `HTTP ${status}` });
  });

  test.each([301, 302, 307, 308])("%i (a redirect, never followed) fails fast and says why", (status) => {
    expect(judge(response(status))).toMatchObject({
      kind: "fail",
      reason: expect.stringMatching(/redirect/),
    });
  });

  test("timeouts and connection errors are retried; refused addresses and invalid URLs fail fast", () => {
    expect(judge({ kind: "error", error: "timeout", message: "Timed out" })).toMatchObject({ kind: "retry" });
    expect(judge({ kind: "error", error: "connect", message: "ECONNREFUSED" })).toMatchObject({
      kind: "retry",
    });
    expect(judge({ kind: "error", error: "blocked", message: "private" })).toEqual({
      kind: "fail",
      reason: "private",
    });
    expect(judge({ kind: "error", error: "invalid", message: "bad URL" })).toMatchObject({ kind: "fail" });
  });

  test("Retry-After of a 429 or 503 is passed on", () => {
    expect(judge(response(429, { "retry-after": "2" }))).toMatchObject({ retryAfterMs: 2000 });
    expect(judge(response(503, { "retry-after": "120" }))).toMatchObject({ retryAfterMs: 120_000 });
    expect(judge(response(500))).toMatchObject({ retryAfterMs: null });
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");
  test("seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
  });
  test("an HTTP date; one in the past means now", () => {
    expect(parseRetryAfter("Sun, 01 Jun 2025 12:00:45 GMT", now)).toBe(45_000);
    expect(parseRetryAfter("Sun, 01 Jun 2025 11:00:00 GMT", now)).toBe(0);
  });
  test.each([undefined, null, "", "soon", "-5", "1.5", "12abc"])("%j is ignored", (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});
