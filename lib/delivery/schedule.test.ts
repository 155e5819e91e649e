import { describe, expect, test } from "vitest";
import { nextDelay, parseSchedule } from "./schedule";

describe("parseSchedule", () => {
  test("the default schedule: 8 attempts over about 27.6 h", () => {
    const schedule = parseSchedule("0,5s,5m,30m,2h,5h,10h,10h");
    expect(schedule).toEqual([0, 5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    const hours = schedule.reduce((sum, ms) => sum + ms, 0) / 3_600_000;
    expect(hours).toBeCloseTo(27.6, 1);
  });

  test("units ms, s, m, h; a bare number is ms; spaces are ignored", () => {
    expect(parseSchedule(" 0, 250ms ,1.5s, 2m,1h, 40")).toEqual([0, 250, 1500, 120_000, 3_600_000, 40]);
  });

  test.each(["", "5x", "-1", "5s,,1m", "fast"])("refuses %j with a clear message", (text) => {
    expect(() => parseSchedule(text)).toThrow(/DELIVERY_RETRY_SCHEDULE/);
  });
});

describe("nextDelay", () => {
  const schedule = [0, 5000, 300_000];
  const low = () => 0;
  const high = () => 0.999_999;
  const middle = () => 0.5;

  test("after attempt n comes entry n of the schedule, with ±20 % jitter", () => {
    expect(nextDelay(schedule, 1, null, middle)).toBe(5000);
    expect(nextDelay(schedule, 1, null, low)).toBe(4000);
    expect(nextDelay(schedule, 1, null, high)).toBe(6000);
    expect(nextDelay(schedule, 2, null, middle)).toBe(300_000);
    for (let i = 0; i < 200; i++) {
      const delay = nextDelay(schedule, 2) as number;
      expect(delay).toBeGreaterThanOrEqual(240_000);
      expect(delay).toBeLessThanOrEqual(360_000);
    }
  });

  test("none after the last attempt: the number of attempts is the schedule's length", () => {
    expect(nextDelay(schedule, 3)).toBeNull();
    expect(nextDelay(schedule, 4)).toBeNull();
    expect(nextDelay([0], 1)).toBeNull();
  });

  test("Retry-After is honoured within [scheduled, 2 × scheduled]", () => {
    // Within the range: exactly the Retry-After, whatever the jitter.
    expect(nextDelay(schedule, 1, 7000, low)).toBe(7000);
    expect(nextDelay(schedule, 1, 7000, high)).toBe(7000);
    // Shorter than scheduled: the (jittered) schedule wins.
    expect(nextDelay(schedule, 1, 1000, middle)).toBe(5000);
    // Longer than twice the scheduled delay: clamped.
    expect(nextDelay(schedule, 1, 3_600_000, middle)).toBe(10_000);
    // A Retry-After is never cut below itself by jitter when it is within the range.
    expect(nextDelay([0, 1500], 1, 2000, low)).toBe(2000);
  });
});
