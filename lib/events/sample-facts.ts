import "server-only";
import type { App } from "@/lib/db/schema";
import type { EventType } from "@/lib/domain/event-catalog";
import type { EventFacts, VersionFacts } from "@/lib/domain/event-facts";

/** The facts of a sample event ("Send test"), as emit() takes them: the app and the time are added there. */
export type SampleFacts = Omit<EventFacts, "app" | "occurredAt">;

const SAMPLE_DEVICE: Record<App["platform"], string> = {
  ios: "iPhone 15 (iOS 18.2)",
  android: "Pixel 8 (Android 15)",
  harmonyos: "HUAWEI Mate 60 (HarmonyOS 4.2)",
};

/**
 * Realistic facts for a test event of `type` about `app`: its latest version when it has one (else a plausible
 * 1.0.0 build), and the details a real event of that type carries (docs/events.md#json-payload, `data`). Marked `test`.
 */
export function sampleFacts(
  type: EventType,
  app: Pick<App, "name" | "platform" | "createdAt" | "updatedAt">,
  latest: VersionFacts | null,
  now: Date,
): SampleFacts {
  const iso = now.toISOString();
  const version: VersionFacts = latest ?? {
    version: "1.0.0",
    build: "1",
    sizeBytes: 48_234_496,
    notes: "First release.",
    createdAt: iso,
    updatedAt: iso,
  };
  const device = SAMPLE_DEVICE[app.platform];
  const common = { version, test: true as const };
  const aboutApp = { subjectCreatedAt: app.createdAt.toISOString(), subjectUpdatedAt: iso };
  switch (type) {
    case "updateVersion":
      return {
        ...common,
        subjectCreatedAt: version.createdAt,
        subjectUpdatedAt: version.updatedAt,
        notes: version.notes,
        data: {},
      };
    case "versionChange":
      return {
        ...common,
        subjectCreatedAt: version.createdAt,
        subjectUpdatedAt: iso,
        notes: `Version ${version.version} (build ${version.build}) edited: release notes updated.`,
        data: {
          change: "edited",
          changes: [{ field: "notes", from: version.notes, to: version.notes }],
        },
      };
    case "feedback":
      return {
        ...common,
        subjectCreatedAt: iso,
        subjectUpdatedAt: iso,
        notes: "The share button does nothing on the settings screen.",
        data: { contact: "tester@example.com", device },
      };
    case "crashlog":
      return {
        ...common,
        subjectCreatedAt: iso,
        subjectUpdatedAt: iso,
        notes:
          app.platform === "ios"
            ? "0 CoreFoundation __exceptionPreprocess\n1 libobjc.A.dylib objc_exception_throw"
            : "at com.example.app.MainActivity.onCreate(MainActivity.kt:42)",
        data: {
          exception: app.platform === "ios" ? "NSInvalidArgumentException" : "java.lang.NullPointerException",
          device,
          occurrences: 1,
        },
      };
    case "settingsChange":
      return {
        ...common,
        ...aboutApp,
        notes: "App name changed",
        data: { changes: [{ field: "name", from: `${app.name} (old)`, to: app.name }] },
      };
    case "appMigration":
      return {
        ...common,
        ...aboutApp,
        notes: "Moved to another team",
        data: { from_team: "Mobile", to_team: "Platform" },
      };
    case "appDelete":
      return { ...common, ...aboutApp, notes: "The app was deleted", data: {} };
  }
}
