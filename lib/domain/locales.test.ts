import { describe, expect, test } from "vitest";
import { isLocale, isTimeZone, localeFromAcceptLanguage } from "./locales";

describe("localeFromAcceptLanguage", () => {
  test.each([
    ["zh", "zh-CN"],
    ["zh-CN", "zh-CN"],
    ["zh-Hans", "zh-CN"],
    ["zh-Hans-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["en-US,zh-CN;q=0.9", "en"],
    ["fr-FR,zh;q=0.5,en;q=0.4", "zh-CN"],
    ["de-DE,fr;q=0.8", "en"],
    ["zh-TW,en;q=0.8", "en"],
    ["zh-Hant,zh-CN;q=0.5", "zh-CN"],
    ["en;q=0.5,zh-CN;q=0.9", "zh-CN"],
    ["zh-CN;q=0", "en"],
    ["", "en"],
  ])("%j → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  test("no header → English", () => {
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });
});

test("isLocale accepts only the dashboard's languages", () => {
  expect(isLocale("zh-CN")).toBe(true);
  expect(isLocale("en")).toBe(true);
  expect(isLocale("zh")).toBe(false);
  expect(isLocale(undefined)).toBe(false);
});

test("isTimeZone accepts IANA zones and refuses anything else", () => {
  expect(isTimeZone("Asia/Shanghai")).toBe(true);
  expect(isTimeZone("UTC")).toBe(true);
  expect(isTimeZone("Mars/Base")).toBe(false);
  expect(isTimeZone("")).toBe(false);
  expect(isTimeZone(42)).toBe(false);
});
