import "server-only";
import type { EventType, Language } from "@/lib/domain/event-catalog";
import type { DeliveryEvent, EventFacts, VersionFacts } from "@/lib/domain/event-facts";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { USER_AGENT } from "./config";
import { buildRequest } from "./request";

/**
 * The event catalog's samples (docs/events.md#catalog): one realistic event of each type about one app, and
 * the request each webhook type would receive for it, built by the code that sends real deliveries
 * (buildRequest), so a sample can never drift from what is sent. Times are fixed: samples are stable.
 */

/** The dashboard address the samples' links use. */
export const CATALOG_BASE_URL = "https://apphooks.example.com";

const APP = { key: "Kx3mT9qLw2Vb7Nc4", name: "OooPlay", platform: "ios" } as const;
const OCCURRED_AT = "2026-03-02T03:25:18.000Z";
const VERSION: VersionFacts = {
  version: "2.4",
  build: "139",
  sizeBytes: 48_234_496,
  notes: "New player controls; fixes the crash when resuming a download.",
  createdAt: "2026-03-02T03:25:16.000Z",
  updatedAt: "2026-03-02T03:25:16.000Z",
};
const APP_CREATED_AT = "2025-11-20T08:00:00.000Z";

/** The facts a real event of each type carries (as lib/ingest, lib/versions and lib/apps record them). */
const FACTS: Record<EventType, Omit<EventFacts, "app" | "occurredAt" | "version">> = {
  updateVersion: {
    subjectCreatedAt: VERSION.createdAt,
    subjectUpdatedAt: VERSION.updatedAt,
    notes: VERSION.notes,
    data: { version_id: "5f0c8a52-6b1e-4d8e-9a4f-1c2d3e4f5a6b" },
  },
  versionChange: {
    subjectCreatedAt: VERSION.createdAt,
    subjectUpdatedAt: OCCURRED_AT,
    notes: "Version 2.4 (build 139) edited: release notes updated.",
    data: {
      change: "edited",
      version_id: "5f0c8a52-6b1e-4d8e-9a4f-1c2d3e4f5a6b",
      changes: [{ field: "notes", from: "New player controls.", to: VERSION.notes }],
    },
  },
  feedback: {
    subjectCreatedAt: OCCURRED_AT,
    subjectUpdatedAt: OCCURRED_AT,
    notes: "The share button does nothing on the settings screen.",
    data: {
      feedback_id: "0b7d6c5e-4f3a-4b2c-8d1e-9f8a7b6c5d4e",
      contact: "tester@example.com",
      device: "iPhone 15 (iOS 18.2)",
    },
  },
  crashlog: {
    subjectCreatedAt: OCCURRED_AT,
    subjectUpdatedAt: OCCURRED_AT,
    notes: "0 CoreFoundation __exceptionPreprocess\n1 libobjc.A.dylib objc_exception_throw",
    data: {
      crash_id: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
      exception: "NSInvalidArgumentException",
      device: "iPhone 15 (iOS 18.2)",
      occurrences: 3,
    },
  },
  settingsChange: {
    subjectCreatedAt: APP_CREATED_AT,
    subjectUpdatedAt: OCCURRED_AT,
    notes: "Description, install password changed",
    data: {
      changes: [
        { field: "description", from: "A music player.", to: "A music player for the whole family." },
        { field: "install_password", from: null, to: "(set)" },
      ],
    },
  },
  appMigration: {
    subjectCreatedAt: APP_CREATED_AT,
    subjectUpdatedAt: OCCURRED_AT,
    notes: "Moved to another team",
    data: { from_team: "Mobile", to_team: "Platform" },
  },
  appDelete: {
    subjectCreatedAt: APP_CREATED_AT,
    subjectUpdatedAt: OCCURRED_AT,
    notes: "The app was deleted",
    data: {},
  },
};

/** The catalog's event of `type`. */
export function catalogEvent(type: EventType): DeliveryEvent {
  return {
    id: `evt_catalog_${type}`,
    type,
    facts: { app: { ...APP }, occurredAt: OCCURRED_AT, version: { ...VERSION }, ...FACTS[type] },
  };
}

/** A plausible address of each type (the robots' own hosts), so samples show the URL a robot gets. */
const SAMPLE_URLS: Record<WebhookType, string> = {
  json: "https://hooks.example.com/apphooks",
  wecom: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
  dingtalk: "https://oapi.dingtalk.com/robot/send?access_token=…",
  lark: "https://open.feishu.cn/open-apis/bot/v2/hook/…",
  slack: "https://hooks.slack.com/services/…",
  discord: "https://discord.com/api/webhooks/…",
  teams: "https://example.webhook.office.com/webhookb2/…",
};

export type CatalogSample = {
  /** The headers sent (without a signature: the samples are not signed). */
  headers: Record<string, string>;
  /** The body as sent, parsed. */
  body: unknown;
};

/** What a webhook of `webhookType` in `language` receives for the catalog's event of `type`. */
export function catalogSample(
  type: EventType,
  webhookType: WebhookType,
  language: Language,
  timeZone = "UTC",
): CatalogSample {
  const event = catalogEvent(type);
  const built = buildRequest({
    event,
    target: {
      url: SAMPLE_URLS[webhookType],
      type: webhookType,
      language,
      signingSecretsEncrypted: [],
      secretEncrypted: null,
    },
    timeZone,
    baseUrl: CATALOG_BASE_URL,
    userAgent: USER_AGENT,
    now: new Date(OCCURRED_AT),
    deliveryId: "00000000-0000-4000-8000-000000000000",
  });
  return { headers: built.headers, body: JSON.parse(built.body) };
}
