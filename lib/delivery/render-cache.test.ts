import { Webhook as StandardWebhook } from "standardwebhooks";
import { describe, expect, test } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import type { DeliveryEvent, EventFacts } from "@/lib/domain/event-facts";
import { FIXED_APP, FIXED_TIME, fixedFacts } from "@/test/robot-fixtures";
import { jsonBody } from "./formats/json";
import { renderCacheSizes } from "./render-cache";
import { buildRequest, type SendTarget } from "./request";

const BASE_URL = "https://apphooks.example.test";
/** Signing time (standardwebhooks refuses timestamps more than 5 minutes away). */
const NOW = new Date();

function event(id: string): DeliveryEvent {
  const facts: EventFacts = {
    ...fixedFacts("feedback"),
    app: { ...FIXED_APP },
    occurredAt: FIXED_TIME.toISOString(),
  };
  return { id, type: "feedback", facts };
}

function target(secrets: string[], language: "en" | "zh-CN" = "en"): SendTarget {
  return {
    url: "https://hooks.example.test/in",
    type: "json",
    language,
    signingSecretsEncrypted: secrets.map(encryptSecret),
    secretEncrypted: null,
  };
}

const build = (
  e: DeliveryEvent,
  t: SendTarget,
  now = NOW,
  deliveryId = crypto.randomUUID(),
  timeZone = "UTC",
) =>
  buildRequest({
    event: e,
    target: t,
    timeZone,
    baseUrl: BASE_URL,
    userAgent: "AppHooks/test",
    now,
    deliveryId,
  });

describe("render cache", () => {
  test("deliveries of one event get the body rendered from scratch, each signed with its own secrets", () => {
    const e = event(`evt_cache_${crypto.randomUUID()}`);
    const [a, b] = [newSigningSecret(), newSigningSecret()];
    const first = build(e, target([a as string]));
    const second = build(e, target([b as string]));
    const again = build(e, target([a as string]));
    const fresh = JSON.stringify(jsonBody(e, "en", BASE_URL, "UTC"));
    for (const request of [first, second, again]) {
      expect(request.body).toBe(fresh);
      expect(request.recorded.body).toBe(fresh);
    }
    // Same secret, same second: the same signature; another secret: another one, each verifying.
    expect(again.headers["webhook-signature"]).toBe(first.headers["webhook-signature"]);
    expect(second.headers["webhook-signature"]).not.toBe(first.headers["webhook-signature"]);
    for (const [request, secret] of [
      [first, a],
      [second, b],
    ] as const) {
      expect(() => new StandardWebhook(secret as string).verify(request.body, request.headers)).not.toThrow();
    }
    expect(() => new StandardWebhook(b as string).verify(first.body, first.headers)).toThrow();
  });

  test("a retry signs with its own timestamp; a language or event of its own renders its own body", () => {
    const e = event(`evt_cache_${crypto.randomUUID()}`);
    const secret = newSigningSecret();
    const t = target([secret]);
    const later = new Date(NOW.getTime() + 5000);
    const first = build(e, t);
    const retry = build(e, t, later);
    expect(retry.body).toBe(first.body);
    expect(retry.headers["webhook-timestamp"]).toBe(String(Math.floor(later.getTime() / 1000)));
    expect(retry.headers["webhook-signature"]).not.toBe(first.headers["webhook-signature"]);
    expect(() => new StandardWebhook(secret).verify(retry.body, retry.headers)).not.toThrow();

    const chinese = build(e, target([secret], "zh-CN"));
    expect(chinese.body).toBe(JSON.stringify(jsonBody(e, "zh-CN", BASE_URL, "UTC")));
    expect(chinese.body).not.toBe(first.body);
    const other = event(`evt_cache_${crypto.randomUUID()}`);
    expect(build(other, t).body).toBe(JSON.stringify(jsonBody(other, "en", BASE_URL, "UTC")));
  });

  test("a team's time zone renders its own body: a zone changed since the first attempt applies to the retry", () => {
    const e = event(`evt_cache_${crypto.randomUUID()}`);
    const t = target([newSigningSecret()]);
    const utc = JSON.parse(build(e, t).body);
    const china = JSON.parse(build(e, t, NOW, crypto.randomUUID(), "Asia/Shanghai").body);
    expect([utc.created, utc.updated]).toEqual(["2025-06-01 08:29:58", "2025-06-01 08:29:58"]);
    expect([china.created, china.updated]).toEqual(["2025-06-01 16:29:58", "2025-06-01 16:29:58"]);
    expect(china.timestamp).toBe(utc.timestamp);
    expect(JSON.parse(build(e, t).body).created).toBe("2025-06-01 08:29:58");
  });

  test("stays bounded", () => {
    const t = target([newSigningSecret()]);
    for (let i = 0; i < 2100; i++) build(event(`evt_bound_${i}`), t);
    expect(renderCacheSizes().bodies).toBeLessThanOrEqual(2048);
  });
});
