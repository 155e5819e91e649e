import "server-only";
import { z } from "zod";
import { requireApp } from "@/lib/auth/access";
import { type Tx, transaction } from "@/lib/db/client";
import { lockAppInTeam } from "@/lib/db/queries/apps";
import { versionFacts } from "@/lib/db/queries/events";
import {
  deleteVersionRow,
  insertVersion,
  lockVersion,
  updateVersionRow,
  type VersionChanges,
} from "@/lib/db/queries/versions";
import type { App, Version } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { invalid, notFound, type Text, text, textKey } from "@/lib/errors";
import { emit } from "@/lib/events/emit";
import { parseInput } from "@/lib/validation/parse";
import { editVersionInput, uploadVersionInput, versionId as versionIdSchema } from "@/lib/validation/version";

/** What a `versionChange` event says happened (docs/events.md#json-payload: `data.change`). */
export type VersionChangeKind = "edited" | "hidden" | "shown" | "deleted";

/** One edited field of a version, as `data.changes` lists it. */
export type VersionFieldChange = { field: "version" | "build" | "notes"; from: string; to: string };

export type VersionOutcome = { version: Version; changed: boolean };

const hiddenInput = z.boolean({ error: textKey("version.hiddenRequired") });

export function duplicateVersion(version: string, build: string): Text {
  return text("version.duplicate", { version, build });
}

const label = (version: Pick<Version, "version" | "build">) =>
  `Version ${version.version} (build ${version.build})`;

/** The one-line change summary that becomes the payload's `notes`. */
function changeSummary(before: Version, change: VersionChangeKind, changes: VersionFieldChange[]): string {
  if (change !== "edited") return `${label(before)} ${change === "shown" ? "shown again" : change}.`;
  const parts = changes.map((c) =>
    c.field === "notes" ? "release notes updated" : `${c.field} ${c.from} → ${c.to}`,
  );
  return `${label(before)} edited: ${parts.join(", ")}.`;
}

function parseVersionId(versionId: string): string {
  const id = versionIdSchema.safeParse(versionId);
  if (!id.success) throw notFound("Version");
  return id.data;
}

/** The app (still in the caller's team, not moved or deleted meanwhile) and the version, both locked. */
async function lockAppAndVersion(
  tx: Tx,
  app: App,
  versionId: string,
): Promise<{ app: App; version: Version }> {
  const current = await lockAppInTeam(tx, app.id, app.teamId, "share");
  if (!current) throw notFound("App");
  const version = await lockVersion(tx, app.id, versionId);
  if (!version) throw notFound("Version");
  return { app: current, version };
}

async function emitVersionChange(
  tx: Tx,
  app: App,
  before: Version,
  after: Version,
  change: VersionChangeKind,
  changes: VersionFieldChange[] = [],
): Promise<void> {
  await emit(tx, {
    type: "versionChange",
    teamId: app.teamId,
    app,
    facts: {
      version: versionFacts(after),
      subjectCreatedAt: after.createdAt.toISOString(),
      subjectUpdatedAt: after.updatedAt.toISOString(),
      notes: changeSummary(before, change, changes),
      data:
        change === "edited" ? { change, version_id: after.id, changes } : { change, version_id: after.id },
    },
  });
}

/**
 * Stores an uploaded build and emits `updateVersion` in the caller's transaction: the one way a version is
 * uploaded, from the dashboard and from the ingest API. The caller has locked the app (lockAppInTeam).
 */
export async function recordUpload(
  tx: Tx,
  app: App,
  values: { version: string; build: string; sizeBytes: number; notes: string },
): Promise<{ version: Version; event: { id: string; deliveries: number } }> {
  const version = await insertVersion(tx, { appId: app.id, ...values });
  const event = await emit(tx, {
    type: "updateVersion",
    teamId: app.teamId,
    app,
    facts: {
      version: versionFacts(version),
      subjectCreatedAt: version.createdAt.toISOString(),
      subjectUpdatedAt: version.updatedAt.toISOString(),
      notes: version.notes,
      data: { version_id: version.id },
    },
  });
  return { version, event };
}

/**
 * "Upload version" (admins): stores the build's metadata and emits `updateVersion` in the same transaction,
 * so the version and its deliveries are committed together. A version + build the app already has is refused.
 */
export async function uploadVersion(userId: string, appKey: string, input: unknown): Promise<Version> {
  const { app } = await requireApp(userId, appKey, "admin");
  const values = parseInput(uploadVersionInput, input);
  try {
    return await transaction(async (tx) => {
      const current = await lockAppInTeam(tx, app.id, app.teamId, "share");
      if (!current) throw notFound("App");
      return (await recordUpload(tx, current, values)).version;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid({ build: duplicateVersion(values.version, values.build) });
    throw error;
  }
}

/** "Edit" (admins): version, build and release notes; `versionChange` with the changed fields. No change, no event. */
export async function editVersion(
  userId: string,
  appKey: string,
  versionId: string,
  input: unknown,
): Promise<VersionOutcome> {
  const { app } = await requireApp(userId, appKey, "admin");
  const id = parseVersionId(versionId);
  const values = parseInput(editVersionInput, input);
  try {
    return await transaction(async (tx) => {
      const locked = await lockAppAndVersion(tx, app, id);
      const before = locked.version;
      const changes: VersionFieldChange[] = [];
      const set: VersionChanges = {};
      for (const field of ["version", "build", "notes"] as const) {
        if (values[field] !== before[field]) {
          changes.push({ field, from: before[field], to: values[field] });
          set[field] = values[field];
        }
      }
      if (changes.length === 0) return { version: before, changed: false };
      const after = await updateVersionRow(tx, app.id, id, set);
      if (!after) throw notFound("Version");
      await emitVersionChange(tx, locked.app, before, after, "edited", changes);
      return { version: after, changed: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid({ build: duplicateVersion(values.version, values.build) });
    throw error;
  }
}

/** "Hide" / "Show" (admins): `versionChange` with `hidden` or `shown`. Already so: nothing changes, no event. */
export async function setVersionHidden(
  userId: string,
  appKey: string,
  versionId: string,
  hidden: unknown,
): Promise<VersionOutcome> {
  const { app } = await requireApp(userId, appKey, "admin");
  const id = parseVersionId(versionId);
  const hide = parseInput(hiddenInput, hidden);
  return transaction(async (tx) => {
    const locked = await lockAppAndVersion(tx, app, id);
    if (locked.version.hidden === hide) return { version: locked.version, changed: false };
    const after = await updateVersionRow(tx, app.id, id, { hidden: hide });
    if (!after) throw notFound("Version");
    await emitVersionChange(tx, locked.app, locked.version, after, hide ? "hidden" : "shown");
    return { version: after, changed: true };
  });
}

/** "Delete" (admins): emits `versionChange` (`deleted`, facts of the version as it was), then deletes it. */
export async function deleteVersion(userId: string, appKey: string, versionId: string): Promise<Version> {
  const { app } = await requireApp(userId, appKey, "admin");
  const id = parseVersionId(versionId);
  return transaction(async (tx) => {
    const locked = await lockAppAndVersion(tx, app, id);
    await emitVersionChange(tx, locked.app, locked.version, locked.version, "deleted");
    if (!(await deleteVersionRow(tx, app.id, id))) throw notFound("Version");
    return locked.version;
  });
}
