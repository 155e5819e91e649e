import { transaction } from "@/lib/db/client";
import { lockAppByKey } from "@/lib/db/queries/apps";
import { findVersion, latestVersion, versionFacts } from "@/lib/db/queries/events";
import { insertCrashReport, insertFeedback } from "@/lib/db/queries/reports";
import type { App } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { invalid, notFound } from "@/lib/errors";
import { emit } from "@/lib/events/emit";
import type { VersionFacts } from "@/lib/events/facts";
import { appKeyParam, PLATFORM_LABELS } from "@/lib/validation/app";
import { type IngestBody, ingestBody } from "@/lib/validation/ingest";
import { parseInput } from "@/lib/validation/parse";
import { duplicateVersionMessage, recordUpload } from "@/lib/versions/save-version";

export type IngestResult = { id: string; type: IngestBody["type"]; deliveries: number };

/** A crash stack excerpt for `notes`: the first lines, up to 2000 characters. */
function stackExcerpt(stack: string): string {
  return stack.length <= 2000 ? stack : `${stack.slice(0, 2000)}…`;
}

/** The build a report concerns: the uploaded version if known, else what the reporter said, else the latest. */
async function reportedVersion(
  tx: Parameters<Parameters<typeof transaction>[0]>[0],
  app: App,
  version?: string,
  build?: string,
): Promise<VersionFacts | null> {
  if (version) {
    const known = build ? await findVersion(tx, app.id, version, build) : undefined;
    if (known) return versionFacts(known);
    const at = new Date().toISOString();
    return { version, build: build ?? "", sizeBytes: 0, notes: "", createdAt: at, updatedAt: at };
  }
  const latest = await latestVersion(tx, app.id);
  return latest ? versionFacts(latest) : null;
}

/**
 * The ingest API's work for a team's API key: stores the subject (version, feedback or crash report), the
 * event, and one delivery per enabled subscribed webhook, in one transaction. Nothing is stored on error.
 */
export async function ingestEvent(teamId: string, appKey: string, body: unknown): Promise<IngestResult> {
  if (!appKeyParam.safeParse(appKey).success) throw notFound("App");
  let input: IngestBody | undefined;
  try {
    return await transaction(async (tx) => {
      // Found and locked in one statement, where the key's team can see it (it may have moved since).
      const app = await lockAppByKey(tx, teamId, appKey, "share");
      if (!app) throw notFound("App");
      input = parseInput(ingestBody, body);
      if (
        input.type === "updateVersion" &&
        input.device_type &&
        input.device_type !== PLATFORM_LABELS[app.platform]
      ) {
        throw invalid({
          device_type: `This app is ${PLATFORM_LABELS[app.platform]}; device_type must match it.`,
        });
      }
      const current = app;
      if (input.type === "updateVersion") {
        const { event } = await recordUpload(tx, current, {
          version: input.version,
          build: input.build,
          sizeBytes: input.size,
          notes: input.notes,
        });
        return { ...event, type: input.type };
      }
      if (input.type === "feedback") {
        const row = await insertFeedback(tx, {
          appId: app.id,
          content: input.content,
          contact: input.contact ?? "",
          device: input.device ?? "",
          appVersion: input.version ?? null,
          build: input.build ?? null,
        });
        const event = await emit(tx, {
          type: "feedback",
          teamId,
          app,
          facts: {
            version: await reportedVersion(tx, app, input.version, input.build),
            subjectCreatedAt: row.createdAt.toISOString(),
            subjectUpdatedAt: row.createdAt.toISOString(),
            notes: row.content,
            data: { feedback_id: row.id, contact: row.contact, device: row.device },
          },
        });
        return { ...event, type: input.type };
      }
      const row = await insertCrashReport(tx, {
        appId: app.id,
        exception: input.exception,
        stack: input.stack,
        device: input.device ?? "",
        appVersion: input.version ?? null,
        build: input.build ?? null,
        occurrences: input.occurrences,
      });
      const event = await emit(tx, {
        type: "crashlog",
        teamId,
        app,
        facts: {
          version: await reportedVersion(tx, app, input.version, input.build),
          subjectCreatedAt: row.createdAt.toISOString(),
          subjectUpdatedAt: row.createdAt.toISOString(),
          notes: stackExcerpt(row.stack || row.exception),
          data: {
            crash_id: row.id,
            exception: row.exception,
            device: row.device,
            occurrences: row.occurrences,
          },
        },
      });
      return { ...event, type: input.type };
    });
  } catch (error) {
    if (input?.type === "updateVersion" && isUniqueViolation(error)) {
      throw invalid({ build: duplicateVersionMessage(input.version, input.build) });
    }
    throw error;
  }
}
