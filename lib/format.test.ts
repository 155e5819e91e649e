import { describe, expect, test } from "vitest";
import { formatSize, formatUtc } from "./format";

describe("formatSize", () => {
  test.each([
    [0, "0 bytes"],
    [1, "1 byte"],
    [1023, "1023 bytes"],
    [1024, "1 KB"],
    [831_488, "812 KB"],
    [48_234_496, "46.0 MB"],
  ])("%d bytes → %s", (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  test("formatUtc", () => {
    expect(formatUtc(new Date("2026-03-04T05:06:07.890Z"))).toBe("2026-03-04 05:06 UTC");
  });
});
