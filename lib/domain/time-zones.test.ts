import { describe, expect, test } from "vitest";
import {
  cachedTimeZoneFormatters,
  defaultPayloadTimeZone,
  formatInTimeZone,
  listedTimeZone,
  payloadTimeZones,
} from "./time-zones";

describe("payload time zone", () => {
  test("Pgyer's sample: timestamp 1444361118 (03:25:18 UTC) is written in China time, as Pgyer's created", () => {
    const at = new Date(1444361118 * 1000).toISOString();
    expect(at).toBe("2015-10-09T03:25:18.000Z");
    expect(formatInTimeZone(at, "Asia/Shanghai")).toBe("2015-10-09 11:25:18");
    expect(formatInTimeZone(at, "UTC")).toBe("2015-10-09 03:25:18");
    // Pgyer's own sample has `created` "2015-10-09 11:25:16": the upload two seconds before the event.
    expect(formatInTimeZone("2015-10-09T03:25:16.000Z", "Asia/Shanghai")).toBe("2015-10-09 11:25:16");
  });

  test("other zones: the date changes across midnight, daylight saving applies, midnight is 00 not 24", () => {
    expect(formatInTimeZone("2025-06-01T20:30:00.000Z", "Asia/Shanghai")).toBe("2025-06-02 04:30:00");
    expect(formatInTimeZone("2025-07-01T12:00:00.000Z", "America/New_York")).toBe("2025-07-01 08:00:00");
    expect(formatInTimeZone("2025-01-15T12:00:00.000Z", "America/New_York")).toBe("2025-01-15 07:00:00");
    expect(formatInTimeZone("2025-03-01T05:00:00.000Z", "America/New_York")).toBe("2025-03-01 00:00:00");
    expect(formatInTimeZone("2025-06-01T08:30:00.000Z", "Asia/Kathmandu")).toBe("2025-06-01 14:15:00");
  });

  test("an unknown zone throws instead of writing another zone's time", () => {
    expect(() => formatInTimeZone("2025-06-01T08:30:00.000Z", "Mars/Base")).toThrow(RangeError);
  });

  test("formatters are cached per zone, and the cache is bounded", () => {
    const zones = payloadTimeZones().filter((zone) => zone !== "UTC");
    for (const zone of zones.slice(0, 200)) formatInTimeZone("2025-06-01T08:30:00.000Z", zone);
    expect(cachedTimeZoneFormatters()).toBe(64);
    expect(formatInTimeZone("2015-10-09T03:25:18.000Z", "Asia/Shanghai")).toBe("2015-10-09 11:25:18");
  });

  test("the choices: the runtime's IANA names and UTC (first), each accepted as it is", () => {
    const zones = payloadTimeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Asia/Shanghai");
    expect(zones).toContain("Europe/Berlin");
    expect(new Set(zones).size).toBe(zones.length);
    for (const zone of zones) expect(listedTimeZone(zone)).toBe(zone);
  });

  test("validation: an alias or another case is stored as the listed name; anything else is refused", () => {
    expect(listedTimeZone("asia/shanghai")).toBe("Asia/Shanghai");
    const kolkata = listedTimeZone("Asia/Kolkata"); // listed as Asia/Kolkata or Asia/Calcutta, by ICU version
    expect(["Asia/Kolkata", "Asia/Calcutta"]).toContain(kolkata);
    for (const bad of [
      "Mars/Base",
      "",
      "China",
      "UTC+8",
      "Asia/Shanghai ",
      "../etc/passwd",
      "x".repeat(100),
    ]) {
      expect(listedTimeZone(bad)).toBeNull();
    }
  });

  test("default: China time for a Chinese dashboard language, UTC otherwise", () => {
    expect(defaultPayloadTimeZone("zh-CN")).toBe("Asia/Shanghai");
    expect(defaultPayloadTimeZone("zh")).toBe("Asia/Shanghai");
    expect(defaultPayloadTimeZone("en")).toBe("UTC");
    expect(defaultPayloadTimeZone("de-DE")).toBe("UTC");
    expect(defaultPayloadTimeZone(null)).toBe("UTC");
    expect(defaultPayloadTimeZone(undefined)).toBe("UTC");
  });
});
