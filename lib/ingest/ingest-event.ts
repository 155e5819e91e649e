import "server-only";
import { randomUUID } from "node:crypto";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { database } from "@/lib/db/client";
import { existingUploads, giveSigningSecrets, type IngestRow, ingestRows } from "@/lib/db/queries/ingest";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import type { VersionFacts } from "@/lib/domain/event-facts";
import { PLATFORM_LABELS, PLATFORMS, type PlatformCode } from "@/lib/domain/platforms";
import { AppError, invalid, notFound, text } from "@/lib/errors";
import { newEventId } from "@/lib/events/emit";
import { appKeyParam } from "@/lib/validation/app";
import { INGEST_TYPE_SCHEMAS, type IngestBody, ingestBatchBody, ingestBody } from "@/lib/validation/ingest";
import { parseInput, toFieldTexts } from "@/lib/validation/parse";
import { refuseUnknownFields } from "@/lib/validation/unknown-fields";
import { duplicateVersion } from "@/lib/versions/save-version";

export type IngestResult = { id: string; type: IngestBody["type"]; deliveries: number };

/** Names a field of the request: itself for the single route, `events[3].build` in a batch. */
type FieldName = (field: string, index: number) => string;

/** A crash stack excerpt for `notes`: the first lines, up to 2000 characters. */
function stackExcerpt(stack: string): string {
  return stack.length <= 2000 ? stack : `${stack.slice(0, 2000)}…`;
}

const platformOf = (deviceType: string | undefined): PlatformCode | null =>
  PLATFORMS.find((code) => PLATFORM_LABELS[code] === deviceType) ?? null;

const uploadKey = (version: string, build: string) => `${version}\n${build}`;

/**
 * The ingest statement's rows for parsed events, in order. Times: one clock reading for the request, and the
 * n-th event n microseconds later, so that the events of a batch keep their order in every list. A report
 * about a version uploaded earlier in the same batch (or, without a version, after an upload in it) gets that
 * version's facts; otherwise the statement looks it up.
 */
function toRows(inputs: IngestBody[], fieldName: FieldName): IngestRow[] {
  const now = new Date();
  const occurredAt = now.toISOString();
  const uploads = new Map<string, VersionFacts>();
  let latestUpload: VersionFacts | null = null;

  return inputs.map((input, index) => {
    const at = occurredAt.replace("Z", `${String(index).padStart(3, "0")}Z`);
    const times = { occurredAt, subjectCreatedAt: occurredAt, subjectUpdatedAt: occurredAt };
    const subjectId = randomUUID();
    const base = { eventId: newEventId(), type: input.type, subjectId, at };
    if (input.type === "updateVersion") {
      const key = uploadKey(input.version, input.build);
      if (uploads.has(key)) {
        throw invalid({ [fieldName("build", index)]: duplicateVersion(input.version, input.build) });
      }
      const facts: VersionFacts = {
        version: input.version,
        build: input.build,
        sizeBytes: input.size,
        notes: input.notes,
        createdAt: occurredAt,
        updatedAt: occurredAt,
      };
      uploads.set(key, facts);
      latestUpload = facts;
      return {
        ...base,
        subject: {
          table: "versions",
          version: input.version,
          build: input.build,
          sizeBytes: input.size,
          notes: input.notes,
        },
        facts: { ...times, notes: input.notes, data: { version_id: subjectId } },
        version: { known: facts },
        platform: input.device_type ? platformOf(input.device_type) : null,
      };
    }
    const version = reportedVersion(input.version, input.build);
    if (input.type === "feedback") {
      const contact = input.contact ?? "";
      const device = input.device ?? "";
      return {
        ...base,
        subject: {
          table: "feedback",
          content: input.content,
          contact,
          device,
          appVersion: input.version ?? null,
          build: input.build ?? null,
        },
        facts: { ...times, notes: input.content, data: { feedback_id: subjectId, contact, device } },
        version,
        platform: null,
      };
    }
    const device = input.device ?? "";
    return {
      ...base,
      subject: {
        table: "crash_reports",
        exception: input.exception,
        stack: input.stack,
        device,
        appVersion: input.version ?? null,
        build: input.build ?? null,
        occurrences: input.occurrences,
      },
      facts: {
        ...times,
        notes: stackExcerpt(input.stack || input.exception),
        data: { crash_id: subjectId, exception: input.exception, device, occurrences: input.occurrences },
      },
      version,
      platform: null,
    };
  });

  /** The build a report concerns: the uploaded version if known, else what the reporter said, else the latest. */
  function reportedVersion(version?: string, build?: string): IngestRow["version"] {
    if (version) {
      const fallback: VersionFacts = {
        version,
        build: build ?? "",
        sizeBytes: 0,
        notes: "",
        createdAt: occurredAt,
        updatedAt: occurredAt,
      };
      if (!build) return { known: fallback };
      const uploaded = uploads.get(uploadKey(version, build));
      return uploaded ? { known: uploaded } : { exact: { version, build }, fallback };
    }
    return latestUpload ? { known: latestUpload } : { latest: true };
  }
}

/**
 * Stores parsed events of the team's app, all or nothing, in one statement (lib/db/queries/ingest.ts): the
 * subjects (version, feedback or crash report), the events and one delivery per enabled subscribed webhook.
 */
async function store(
  teamId: string,
  appKey: string,
  inputs: IngestBody[],
  fieldName: FieldName,
): Promise<IngestResult[]> {
  const rows = toRows(inputs, fieldName);
  const handle = await database();
  let outcome: Awaited<ReturnType<typeof ingestRows>>;
  try {
    outcome = await ingestRows(handle, teamId, appKey, rows);
    if (outcome.kind === "legacyWebhook") {
      // Webhooks made before signing secrets existed get theirs once; then the events go out signed.
      await giveSigningSecrets(handle, teamId, appKey, () => encryptSecret(newSigningSecret()));
      outcome = await ingestRows(handle, teamId, appKey, rows);
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const taken = await existingUploads(
      handle,
      teamId,
      appKey,
      inputs.flatMap((input) =>
        input.type === "updateVersion" ? [uploadKey(input.version, input.build)] : [],
      ),
    );
    const index = inputs.findIndex(
      (input) => input.type === "updateVersion" && taken.has(uploadKey(input.version, input.build)),
    );
    const duplicate = inputs[index];
    if (duplicate?.type !== "updateVersion") throw error;
    throw invalid({
      [fieldName("build", index)]: duplicateVersion(duplicate.version, duplicate.build),
    });
  }
  switch (outcome.kind) {
    case "noApp":
      throw notFound("App");
    case "legacyWebhook":
      throw new Error("A webhook still has no signing secret after it was given one");
    case "wrongPlatform": {
      const label = PLATFORM_LABELS[outcome.platform];
      const index = rows.findIndex((row) => row.platform !== null && row.platform !== outcome.platform);
      throw invalid({
        [fieldName("device_type", Math.max(0, index))]: text("api.wrongPlatform", { platform: label }),
      });
    }
    case "stored":
      return rows.map((row, index) => ({
        id: row.eventId,
        type: row.type as IngestBody["type"],
        deliveries: outcome.deliveries[index] ?? 0,
      }));
  }
}

/** One ingest body: checked by its type's schema, fields that type does not know refused by name. */
function parseEvent(body: unknown): IngestBody {
  const input = parseInput(ingestBody, body);
  refuseUnknownFields(INGEST_TYPE_SCHEMAS[input.type], body);
  return input;
}

/**
 * The ingest API's work for a team's API key (`POST /api/v1/apps/{appKey}/events`): stores the subject, the
 * event and one delivery per enabled subscribed webhook, in one statement. Nothing is stored on error.
 */
export async function ingestEvent(teamId: string, appKey: string, body: unknown): Promise<IngestResult> {
  if (!appKeyParam.safeParse(appKey).success) throw notFound("App");
  const input = parseEvent(body);
  const [result] = await store(teamId, appKey, [input], (field) => field);
  if (!result) throw new Error("The ingest statement returned no event");
  return result;
}

/**
 * `POST /api/v1/apps/{appKey}/events/batch`: up to 100 ingest bodies, each checked like the single route's
 * (an invalid one → 400 naming `events[i].field`, nothing stored), all stored in one statement, in order.
 */
export async function ingestBatch(teamId: string, appKey: string, body: unknown): Promise<IngestResult[]> {
  if (!appKeyParam.safeParse(appKey).success) throw notFound("App");
  // The envelope first (its items' NUL characters are reported on the item, below).
  const envelope = ingestBatchBody.safeParse(body);
  if (!envelope.success) throw invalid(toFieldTexts(envelope.error));
  const inputs = envelope.data.events.map((item, index) => {
    try {
      return parseEvent(item);
    } catch (error) {
      if (!(error instanceof AppError) || !error.fieldTexts) throw error;
      const fields = Object.fromEntries(
        Object.entries(error.fieldTexts).map(([field, message]) => [
          field === "form" ? `events[${index}]` : `events[${index}].${field}`,
          message,
        ]),
      );
      throw invalid(fields, text("api.batchEventInvalid", { index }));
    }
  });
  return store(teamId, appKey, inputs, (field, index) => `events[${index}].${field}`);
}
