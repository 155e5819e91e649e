import { describe, expect, test } from "vitest";
import { isDatabaseDown } from "./unavailable";

describe("isDatabaseDown", () => {
  test("postgres.js's connect timeout (a restarting server) means down, also when wrapped", () => {
    const timeout = Object.assign(new Error("write CONNECT_TIMEOUT 127.0.0.1:5432"), {
      code: "CONNECT_TIMEOUT",
    });
    expect(isDatabaseDown(timeout)).toBe(true);
    expect(isDatabaseDown(new Error("Failed query", { cause: timeout }))).toBe(true);
  });

  test("a query error is not an outage", () => {
    expect(isDatabaseDown(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
  });
});
