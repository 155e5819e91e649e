import { describe, expect, test } from "vitest";
import { EVENT_TYPES } from "@/lib/domain/event-catalog";
import { AppError } from "@/lib/errors";
import { parseInput } from "./parse";
import { MAX_URL_LENGTH, webhookInput } from "./webhook";

const valid = {
  name: "Release bot",
  type: "dingtalk",
  url: "https://oapi.dingtalk.com/robot/send?access_token=abc123",
  events: ["updateVersion"],
};

/** The field errors `parseInput` reports for this body (fails the test when it is accepted). */
function fieldErrorsOf(body: unknown): Record<string, string> {
  try {
    parseInput(webhookInput, body);
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid" && error.fieldErrors) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected the body to be refused");
}

describe("webhookInput", () => {
  test("accepts a complete form and fills the defaults", () => {
    expect(parseInput(webhookInput, valid)).toEqual({
      name: "Release bot",
      type: "dingtalk",
      url: "https://oapi.dingtalk.com/robot/send?access_token=abc123",
      secret: undefined,
      clearSecret: false,
      language: "en",
      events: ["updateVersion"],
      enabled: true,
    });
  });

  test("trims the name, URL and secret; a blank secret means 'keep'", () => {
    const values = parseInput(webhookInput, {
      ...valid,
      name: "  Release bot  ",
      url: "  https://receiver.example.test/hook ",
      secret: "   ",
    });
    expect(values.name).toBe("Release bot");
    expect(values.url).toBe("https://receiver.example.test/hook");
    expect(values.secret).toBeUndefined();
  });

  test.each([
    ["an empty name", { name: "" }, "name", "Enter a webhook name."],
    ["a blank name", { name: "   " }, "name", "Enter a webhook name."],
    ["a 51-character name", { name: "x".repeat(51) }, "name", "Webhook name must be at most 50 characters."],
    ["an unknown type", { type: "email" }, "type", "Choose a webhook type."],
    ["an empty URL", { url: "" }, "url", "Enter the webhook URL."],
    ["a relative URL", { url: "/hooks/1" }, "url", "Enter a full URL starting with https:// or http://."],
    [
      "an ftp URL",
      { url: "ftp://files.example.test/hook" },
      "url",
      "The URL must start with https:// or http://.",
    ],
    [
      "a javascript: URL",
      { url: "javascript:alert(1)" },
      "url",
      "The URL must start with https:// or http://.",
    ],
    [
      "a URL with user:password",
      { url: "https://alice:secret@receiver.example.test/hook" },
      "url",
      "Remove the user name and password from the URL.",
    ],
    [
      "a URL with a user name only",
      { url: "https://alice@receiver.example.test/hook" },
      "url",
      "Remove the user name and password from the URL.",
    ],
    [
      "a URL over 2048 characters",
      { url: `https://receiver.example.test/${"a".repeat(MAX_URL_LENGTH)}` },
      "url",
      "URL must be at most 2048 characters.",
    ],
    ["no events", { events: [] }, "events", "Select at least one event to push."],
    ["a missing event list", { events: undefined }, "events", "Select at least one event."],
    ["an unknown event", { events: ["updateVersion", "userDeleted"] }, "events", "Unknown event type."],
    ["a non-boolean state", { enabled: "yes" }, "enabled", "Webhook State must be on or off."],
    ["an unknown language", { language: "fr" }, "language", "Choose English or Simplified Chinese."],
    [
      "a 201-character secret",
      { secret: "s".repeat(201) },
      "secret",
      "Secret must be at most 200 characters.",
    ],
  ])("refuses %s, naming the field", (_label, change, field, message) => {
    const errors = fieldErrorsOf({ ...valid, ...change });
    expect(errors).toEqual({ [field]: message });
  });

  test("a URL of exactly 2048 characters is accepted", () => {
    const prefix = "https://receiver.example.test/";
    const url = prefix + "a".repeat(MAX_URL_LENGTH - prefix.length);
    expect(url).toHaveLength(MAX_URL_LENGTH);
    expect(parseInput(webhookInput, { ...valid, url }).url).toBe(url);
  });

  test("a 50-character name is accepted", () => {
    expect(parseInput(webhookInput, { ...valid, name: "x".repeat(50) }).name).toHaveLength(50);
  });

  test("names every invalid field at once", () => {
    expect(
      Object.keys(fieldErrorsOf({ name: "", type: "json", url: "ftp://x.test", events: [] })).sort(),
    ).toEqual(["events", "name", "url"]);
  });

  test("events are normalised to catalog order without duplicates", () => {
    const values = parseInput(webhookInput, {
      ...valid,
      events: ["appDelete", "feedback", "updateVersion", "feedback"],
    });
    expect(values.events).toEqual(["updateVersion", "feedback", "appDelete"]);
  });

  test("all catalog events can be selected", () => {
    const values = parseInput(webhookInput, { ...valid, events: [...EVENT_TYPES].reverse() });
    expect(values.events).toEqual([...EVENT_TYPES]);
  });
});
