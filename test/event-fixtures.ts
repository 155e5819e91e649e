import { transaction } from "@/lib/db/client";
import { latestVersion, versionFacts } from "@/lib/db/queries/events";
import { insertCrashReport, insertFeedback } from "@/lib/db/queries/reports";
import { insertVersion } from "@/lib/db/queries/versions";
import type { App, Version } from "@/lib/db/schema";
import type { EventType } from "@/lib/domain/event-catalog";
import { emit } from "@/lib/events/emit";
import { uniqueSuffix } from "./factories";

/** An emitted event and what its payload must say. */
export type SampleEvent = {
  id: string;
  type: EventType;
  deliveries: number;
  /** The build the event concerns (or the app's latest). */
  version: Version;
  subjectCreatedAt: Date;
  subjectUpdatedAt: Date;
  notes: string;
  data: Record<string, unknown>;
  /** Unix seconds around emit(). */
  emittedBetween: [number, number];
};

const seconds = (ms: number) => Math.floor(ms / 1000);

let build = 139;

/**
 * Emits an event of `type` for the app as a producer would: the subject (version, feedback, crash report)
 * and the event in one transaction, with realistic facts.
 */
export async function emitSample(
  type: EventType,
  context: { teamId: string; app: App },
  extra: Record<string, unknown> = {},
): Promise<SampleEvent> {
  const before = seconds(Date.now());
  const { app } = context;
  const sample = await transaction(async (tx) => {
    const newVersion = () =>
      insertVersion(tx, {
        appId: app.id,
        version: "2.4",
        build: String(build++),
        sizeBytes: 52_428_800 + build,
        notes: "Faster start-up.\nFixes the login crash.",
      });
    let version = type === "updateVersion" ? await newVersion() : await latestVersion(tx, app.id);
    version ??= await newVersion();
    let subject: { createdAt: Date; updatedAt: Date } = version;
    let notes = version.notes;
    let data: Record<string, unknown> = {};
    switch (type) {
      case "updateVersion":
        data = { version_id: version.id };
        break;
      case "versionChange":
        data = {
          change: "edited",
          version_id: version.id,
          changes: [{ field: "notes", from: "", to: notes }],
        };
        break;
      case "feedback": {
        const row = await insertFeedback(tx, {
          appId: app.id,
          content: `The share button does nothing on iPad ${uniqueSuffix()}`,
          contact: "tester@example.test",
          device: "iPad Pro 11 (iPadOS 18.1)",
          appVersion: version.version,
          build: version.build,
        });
        subject = { createdAt: row.createdAt, updatedAt: row.createdAt };
        notes = row.content;
        data = { contact: row.contact, device: row.device };
        break;
      }
      case "crashlog": {
        const row = await insertCrashReport(tx, {
          appId: app.id,
          exception: "NSInvalidArgumentException",
          stack: "0 CoreFoundation __exceptionPreprocess\n1 libobjc.A.dylib objc_exception_throw",
          device: "iPhone 15 (iOS 18.2)",
          appVersion: version.version,
          build: version.build,
          occurrences: 3,
        });
        subject = { createdAt: row.createdAt, updatedAt: row.createdAt };
        notes = row.stack;
        data = { exception: row.exception, device: row.device, occurrences: row.occurrences };
        break;
      }
      case "settingsChange":
        subject = app;
        notes = "name";
        data = { changes: [{ field: "name", from: "Old Name", to: app.name }] };
        break;
      case "appMigration":
        subject = app;
        notes = "Moved to another team";
        data = { from_team: "Mobile", to_team: "Platform" };
        break;
      case "appDelete":
        subject = app;
        notes = "The app was deleted";
        break;
    }
    data = { ...data, ...extra };
    const emitted = await emit(tx, {
      type,
      teamId: context.teamId,
      app,
      facts: {
        version: versionFacts(version),
        subjectCreatedAt: subject.createdAt.toISOString(),
        subjectUpdatedAt: subject.updatedAt.toISOString(),
        notes,
        data,
      },
    });
    return {
      ...emitted,
      type,
      version,
      subjectCreatedAt: subject.createdAt,
      subjectUpdatedAt: subject.updatedAt,
      notes,
      data,
    };
  });
  return { ...sample, emittedBetween: [before, seconds(Date.now())] };
}
