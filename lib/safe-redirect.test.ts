import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/apps/abc/settings/webhooks")).toBe("/apps/abc/settings/webhooks");
    expect(safeCallbackPath("/invite/tok-en_1?x=1")).toBe("/invite/tok-en_1?x=1");
  });

  it("keeps only the path of an absolute URL (the proxy sends those)", () => {
    expect(safeCallbackPath("http://localhost:3000/apps/abc")).toBe("/apps/abc");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "https://x//evil.example",
    "http://a/\\evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/login",
    "/signup?callbackUrl=/apps",
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/apps");
  });

  it("refuses non-strings", () => {
    expect(safeCallbackPath(undefined)).toBe("/apps");
    expect(safeCallbackPath(["/apps/x"])).toBe("/apps");
  });
});
