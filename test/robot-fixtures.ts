import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { db, transaction } from "@/lib/db/client";
import { type App, type Webhook, webhooks } from "@/lib/db/schema";
import { EVENT_TYPES, type EventType, type Language } from "@/lib/domain/event-catalog";
import type { EventFacts } from "@/lib/domain/event-facts";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { emit } from "@/lib/events/emit";
import { uniqueSuffix } from "./factories";

/** The app every fixed event is about: facts are stored as given, so bodies do not depend on the test's app. */
export const FIXED_APP = { key: "oooplay7k2", name: "OooPlay", platform: "ios" } as const;
export const FIXED_TIME = new Date("2025-06-01T08:30:00.000Z");

const VERSION = {
  version: "2.4",
  build: "139",
  sizeBytes: 52_428_800 + 734_003,
  notes: "Faster start-up.\nFixes the login crash on iPad.",
  createdAt: "2025-06-01T08:29:58.000Z",
  updatedAt: "2025-06-01T08:29:58.000Z",
};

/** Realistic, fixed facts of each event type (what the producers store). */
export function fixedFacts(type: EventType): Omit<EventFacts, "app" | "occurredAt"> {
  const at = { subjectCreatedAt: "2025-06-01T08:29:58.000Z", subjectUpdatedAt: "2025-06-01T08:29:58.000Z" };
  switch (type) {
    case "updateVersion":
      return { version: VERSION, ...at, notes: VERSION.notes, data: { version_id: "v-1" } };
    case "versionChange":
      return {
        version: { ...VERSION, version: "2.4.1" },
        ...at,
        notes: "Version 2.4 (build 139) edited: version 2.4 → 2.4.1, release notes updated.",
        data: {
          change: "edited",
          version_id: "v-1",
          changes: [
            { field: "version", from: "2.4", to: "2.4.1" },
            { field: "notes", from: "Faster start-up.", to: VERSION.notes },
          ],
        },
      };
    case "feedback":
      return {
        version: VERSION,
        ...at,
        notes: "The share button does nothing on iPad.\n分享按钮没有反应。",
        data: { feedback_id: "f-1", contact: "tester@example.test", device: "iPad Pro 11 (iPadOS 18.1)" },
      };
    case "crashlog":
      return {
        version: VERSION,
        ...at,
        notes:
          "0 CoreFoundation __exceptionPreprocess + 164\n1 libobjc.A.dylib objc_exception_throw + 60\n2 OooPlay -[PlayerView share:] + 212",
        data: {
          crash_id: "c-1",
          exception: "NSInvalidArgumentException",
          device: "iPhone 15 (iOS 18.2)",
          occurrences: 3,
        },
      };
    case "settingsChange":
      return {
        version: VERSION,
        ...at,
        notes: "Changed: App name “OldPlay” → “OooPlay”; Install password changed.",
        data: {
          changes: [
            { field: "name", from: "OldPlay", to: "OooPlay" },
            { field: "install_password", from: "(set)", to: "(changed)" },
          ],
        },
      };
    case "appMigration":
      return {
        version: VERSION,
        ...at,
        notes: "Moved from team Mobile to team Platform.",
        data: { from_team: "Mobile", to_team: "Platform" },
      };
    case "appDelete":
      return { version: VERSION, ...at, notes: "App OooPlay was deleted.", data: {} };
  }
}

/**
 * Emits an event with fixed facts for the test app's subscribed webhooks (as a producer does, through emit),
 * about FIXED_APP at FIXED_TIME; `change` edits the facts (e.g. a long crash log).
 */
export async function emitFixed(
  type: EventType,
  context: { teamId: string; app: App },
  change: (facts: Omit<EventFacts, "app" | "occurredAt">) => Omit<EventFacts, "app" | "occurredAt"> = (f) =>
    f,
): Promise<{ id: string; deliveries: number }> {
  return transaction((tx) =>
    emit(tx, {
      type,
      teamId: context.teamId,
      app: { id: context.app.id, appKey: FIXED_APP.key, name: FIXED_APP.name, platform: FIXED_APP.platform },
      facts: change(fixedFacts(type)),
      now: FIXED_TIME,
    }),
  );
}

/** A webhook inserted directly (tests need more than the 3-per-app limit), with a robot secret when given. */
export async function robotWebhook(
  appId: string,
  options: {
    type: WebhookType;
    url: string;
    language?: Language;
    secret?: string;
    events?: EventType[];
    /** Merge bursts into digests (docs/robots.md#digests); off unless given, as the column's default. */
    digest?: boolean;
  },
): Promise<Webhook> {
  const [row] = await (await db())
    .insert(webhooks)
    .values({
      appId,
      name: `${options.type} ${options.language ?? "en"} ${uniqueSuffix()}`,
      type: options.type,
      url: options.url,
      language: options.language ?? "en",
      events: options.events ?? [...EVENT_TYPES],
      secretEncrypted: options.secret ? encryptSecret(options.secret) : null,
      secretHint: options.secret ? options.secret.slice(-4) : null,
      signingSecretEncrypted: encryptSecret(newSigningSecret()),
      digest: options.digest ?? false,
    })
    .returning();
  if (!row) throw new Error("no webhook");
  return row;
}

/** About `bytes` bytes of a Chinese crash log (3 bytes a character), in lines like a real stack. */
export function chineseCrashLog(bytes: number): string {
  const line = (i: number) => `${i} 播放器 视图控制器 分享按钮 崩溃 空指针 异常 堆栈 第${i}帧\n`;
  let log = "";
  for (let i = 0; Buffer.byteLength(log, "utf8") < bytes; i++) log += line(i);
  return log;
}
