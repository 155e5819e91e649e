import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { createLogger } from "./log";
import { withRequestId } from "./request-context";

/** A logger writing into an array of parsed lines. */
function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger(stream) };
}

describe("the log", () => {
  test("writes one JSON object a line: level by name, ISO time, the message and the fields given", () => {
    const { lines, logger } = capture();
    logger.info({ deliveryId: "d-1", eventId: "e-1" }, "delivery attempt");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      msg: "delivery attempt",
      deliveryId: "d-1",
      eventId: "e-1",
    });
    expect(new Date(String(lines[0]?.time)).toISOString()).toBe(lines[0]?.time);
    expect(lines[0]).not.toHaveProperty("requestId");
  });

  test("a line written while an API request is answered names the request", async () => {
    const { lines, logger } = capture();
    const request = new Request("http://localhost/api/v1/apps", { headers: { "X-Request-Id": "req-42.a" } });
    const response = await withRequestId(request, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.error({ scope: "api" }, "TypeError: boom");
      return new Response("{}");
    });
    expect(response.headers.get("x-request-id")).toBe("req-42.a");
    expect(lines[0]).toMatchObject({
      level: "error",
      requestId: "req-42.a",
      scope: "api",
      msg: "TypeError: boom",
    });
  });
});
