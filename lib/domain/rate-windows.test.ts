import { describe, expect, test } from "vitest";
import { heldMs, RATE_LIMITS, reserve, roomAt } from "./rate-windows";

describe("robot rate limits", () => {
  test("each service's limits (docs/robots.md#rate-windows)", () => {
    expect(RATE_LIMITS.wecom).toEqual([{ max: 20, perMs: 60_000 }]);
    expect(RATE_LIMITS.dingtalk).toEqual([{ max: 20, perMs: 60_000 }]);
    expect(RATE_LIMITS.lark).toEqual([
      { max: 5, perMs: 1000 },
      { max: 100, perMs: 60_000 },
    ]);
    expect(RATE_LIMITS.slack).toEqual([{ max: 1, perMs: 1000 }]);
    expect(RATE_LIMITS.teams).toEqual([{ max: 4, perMs: 1000 }]);
    expect(RATE_LIMITS.json).toEqual([]);
  });

  test("windows are held a little longer than the service's: 5 %, at least 250 ms", () => {
    expect(heldMs({ max: 20, perMs: 60_000 })).toBe(63_000);
    expect(heldMs({ max: 1, perMs: 1000 })).toBe(1250);
  });

  test("20 a minute: 20 at once, then the 21st when the first leaves the window", () => {
    const windows = RATE_LIMITS.wecom;
    let state = { sends: [] as number[], freeAt: 0 };
    expect(roomAt(state.sends, windows, 0)).toBe(20);
    state = reserve(state.sends, windows, 20, 0);
    expect(roomAt(state.sends, windows, 1000)).toBe(0);
    expect(state.freeAt).toBe(63_000);
    expect(roomAt(state.sends, windows, 62_999)).toBe(0);
    expect(roomAt(state.sends, windows, 63_000)).toBe(20);
  });

  test("several windows: the strictest one decides (Lark 5/s and 100/min)", () => {
    const windows = RATE_LIMITS.lark;
    let sends: number[] = [];
    let now = 0;
    const batches: number[] = [];
    for (let i = 0; i < 21; i++) {
      const room = roomAt(sends, windows, now);
      batches.push(room);
      const next = reserve(sends, windows, room, now);
      sends = next.sends;
      if (i < 19) expect(next.freeAt).toBe(now + 1250); // 5 a second
      // The 100th send fills the minute: the next is allowed when the first is 63 s old.
      if (i === 19) expect(next.freeAt).toBe(63_000);
      now = next.freeAt;
    }
    expect(batches).toEqual([...Array(20).fill(5), 5]);
    expect(sends).toHaveLength(100); // only what some window still needs is kept
  });

  test("sends older than every window are forgotten", () => {
    const next = reserve([1, 2, 3], RATE_LIMITS.slack, 1, 10_000);
    expect(next.sends).toEqual([10_000]);
    expect(next.freeAt).toBe(11_250);
  });
});
