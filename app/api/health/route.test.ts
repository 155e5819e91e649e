import { describe, expect, test } from "vitest";
import { GET, POST } from "./route";

describe("GET /api/health", () => {
  test("answers 200 while the process runs, without touching the database, and echoes the request id", async () => {
    const response = await GET(
      new Request("http://localhost/api/health", { headers: { "X-Request-Id": "lb-7" } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-request-id")).toBe("lb-7");
    expect(await response.json()).toEqual({ status: "ok", uptimeSeconds: expect.any(Number) });
  });

  test("other methods get the API's JSON 405", async () => {
    const response = await POST(new Request("http://localhost/api/health", { method: "POST" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});
