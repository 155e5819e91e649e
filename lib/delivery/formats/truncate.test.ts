import { describe, expect, test } from "vitest";
import { cutUtf8, fitToLimit, truncateUtf8, utf8Length } from "./truncate";

describe("cutUtf8", () => {
  test("ASCII is cut at the byte", () => {
    expect(cutUtf8("abcdef", 4)).toBe("abcd");
    expect(cutUtf8("abc", 10)).toBe("abc");
    expect(cutUtf8("abc", 0)).toBe("");
  });

  test("Chinese (3 bytes a character) is never cut inside a character", () => {
    const text = "应用更新崩溃日志"; // 24 bytes
    for (let max = 0; max <= 26; max++) {
      const cut = cutUtf8(text, max);
      expect(utf8Length(cut)).toBeLessThanOrEqual(max);
      expect(utf8Length(cut)).toBeGreaterThan(max - 3);
      expect(text.startsWith(cut)).toBe(true);
      expect(cut).not.toContain("\uFFFD");
    }
  });

  test("emoji (4 bytes, a surrogate pair) and grapheme clusters are kept whole", () => {
    expect(cutUtf8("ab😀cd", 5)).toBe("ab");
    expect(cutUtf8("ab😀cd", 6)).toBe("ab😀");
    const family = "👨‍👩‍👧"; // 18 bytes: three emoji joined by ZWJ
    expect(cutUtf8(`x${family}y`, 10)).toBe("x");
    expect(cutUtf8(`x${family}y`, 19)).toBe(`x${family}`);
    const accented = "e\u0301a"; // e + combining acute: 3 bytes, one grapheme
    expect(cutUtf8(accented, 1)).toBe("");
    expect(cutUtf8(accented, 2)).toBe("");
    expect(cutUtf8(accented, 3)).toBe("e\u0301");
  });
});

describe("truncateUtf8", () => {
  test("adds the marker within the limit, only when something was cut", () => {
    expect(truncateUtf8("短文本", 100, "…（已截断）")).toEqual({ text: "短文本", truncated: false });
    const { text, truncated } = truncateUtf8("一二三四五六七八九十", 20, "…");
    expect(truncated).toBe(true);
    expect(text).toBe("一二三四五…"); // 15 + 3 bytes: a sixth character would make 21
    expect(utf8Length(text)).toBeLessThanOrEqual(20);
  });
});

describe("fitToLimit", () => {
  const render = (part: string, cut: boolean) => `<<${part}${cut ? "[cut]" : ""}>>`;

  test("keeps the whole text when it fits", () => {
    expect(fitToLimit("应用", render, utf8Length, 100)).toEqual({ value: "<<应用>>", truncated: false });
  });

  test("cuts the text as little as needed, with the mark, exactly within the limit", () => {
    const text = "崩".repeat(2000);
    for (const limit of [50, 51, 52, 53, 4096]) {
      const { value, truncated } = fitToLimit(text, render, utf8Length, limit);
      expect(truncated).toBe(true);
      expect(utf8Length(value)).toBeLessThanOrEqual(limit);
      expect(utf8Length(value)).toBeGreaterThan(limit - 3);
      expect(value.endsWith("[cut]>>")).toBe(true);
    }
  });
});
