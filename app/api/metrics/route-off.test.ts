import { describe, expect, test } from "vitest";
import { GET } from "./route";

describe("GET /api/metrics without METRICS_TOKEN", () => {
  test("is off: 404 saying how to enable it, whatever the caller sends", async () => {
    const response = await GET(
      new Request("http://localhost/api/metrics", { headers: { authorization: "Bearer anything-at-all" } }),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        code: "not_found",
        message: "Metrics are not enabled on this server: set METRICS_TOKEN to enable them.",
      },
    });
  });
});
