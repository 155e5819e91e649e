import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { listVersions } from "@/lib/db/queries/versions";
import { versions } from "@/lib/db/schema";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp } from "@/test/factories";
import { makeSubscribers, onlyEventOf, outboxOf } from "@/test/outbox";
import { deleteVersion, editVersion, setVersionHidden, uploadVersion } from "./save-version";

const UPLOAD = { version: "2.4", build: "139", sizeBytes: "48234496", notes: "Faster start-up." };

async function storedVersion(id: string) {
  const [row] = await (await db()).select().from(versions).where(eq(versions.id, id));
  return row;
}

describe.each(dbTargets())("versions (%s)", (kind) => {
  useTestDatabase(kind);

  describe("upload", () => {
    test("an admin uploads a version: stored, with an updateVersion event and one delivery per subscriber", async () => {
      const { owner, actor, app, team } = await makeTeamWithApp("admin");
      const hooks = await makeSubscribers(owner.user.id, app.appKey, "updateVersion");

      const version = await uploadVersion(actor.user.id, app.appKey, UPLOAD);

      expect(await storedVersion(version.id)).toMatchObject({
        appId: app.id,
        version: "2.4",
        build: "139",
        sizeBytes: 48_234_496,
        notes: "Faster start-up.",
        hidden: false,
      });
      const event = await onlyEventOf(app.id);
      expect(event).toMatchObject({ type: "updateVersion", teamId: team.id, appId: app.id });
      expect(event.id).toMatch(/^evt_/);
      expect(event.facts).toMatchObject({
        app: { key: app.appKey, name: "Test App", platform: "ios" },
        version: {
          version: "2.4",
          build: "139",
          sizeBytes: 48_234_496,
          notes: "Faster start-up.",
          createdAt: version.createdAt.toISOString(),
          updatedAt: version.updatedAt.toISOString(),
        },
        subjectCreatedAt: version.createdAt.toISOString(),
        subjectUpdatedAt: version.updatedAt.toISOString(),
        notes: "Faster start-up.",
        data: { version_id: version.id },
      });
      expect(event.deliveries).toHaveLength(1);
      expect(event.deliveries[0]).toMatchObject({
        webhookId: hooks.subscribed.id,
        appId: app.id,
        status: "pending",
        attempts: 0,
        target: { url: hooks.subscribed.url, type: "json", language: "en" },
      });
      expect(event.deliveries[0]?.target.signingSecretsEncrypted).toHaveLength(1);
    });

    test("sizes may be typed as a string of digits or sent as a number", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      await uploadVersion(actor.user.id, app.appKey, { ...UPLOAD, sizeBytes: 1024 });
      await uploadVersion(actor.user.id, app.appKey, { ...UPLOAD, build: "140", sizeBytes: " 0 " });
      expect((await listVersions(app.id)).map((v) => v.sizeBytes).sort()).toEqual([0, 1024]);
    });

    test("the same version and build again is refused on the build field; nothing more is stored", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      await makeSubscribers(actor.user.id, app.appKey, "updateVersion");
      await uploadVersion(actor.user.id, app.appKey, UPLOAD);

      const error = await appErrorOf(() =>
        uploadVersion(actor.user.id, app.appKey, { ...UPLOAD, notes: "again" }),
      );
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors).toEqual({
        build: "Version 2.4 (build 139) was already uploaded for this app.",
      });
      expect(await listVersions(app.id)).toHaveLength(1);
      expect(await outboxOf(app.id)).toHaveLength(1);

      // Another build of the same version is fine.
      await uploadVersion(actor.user.id, app.appKey, { ...UPLOAD, build: "140" });
      expect(await listVersions(app.id)).toHaveLength(2);
    });

    test("concurrent uploads of one version + build store it once, with one event", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      await makeSubscribers(actor.user.id, app.appKey, "updateVersion");
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => uploadVersion(actor.user.id, app.appKey, UPLOAD)),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const result of results) {
        if (result.status === "rejected") {
          expect(result.reason).toMatchObject({
            code: "invalid",
            fieldErrors: { build: "Version 2.4 (build 139) was already uploaded for this app." },
          });
        }
      }
      expect(await listVersions(app.id)).toHaveLength(1);
      const [event, ...rest] = await outboxOf(app.id);
      expect(rest).toEqual([]);
      expect(event?.deliveries).toHaveLength(1);
    });

    test("invalid input names each field, and nothing is stored or emitted", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const error = await appErrorOf(() =>
        uploadVersion(actor.user.id, app.appKey, {
          version: " ",
          build: "1 2",
          sizeBytes: "12 MB",
          notes: 5,
        }),
      );
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors).toEqual({
        version: "Enter the version, like 2.4.",
        build: "The build cannot contain spaces.",
        sizeBytes: "Enter the size in bytes, a whole number like 48234496.",
        notes: "Release notes must be text.",
      });
      for (const sizeBytes of [-1, 1.5, "", "1e3"]) {
        const sizeError = await appErrorOf(() =>
          uploadVersion(actor.user.id, app.appKey, { ...UPLOAD, sizeBytes }),
        );
        expect(Object.keys(sizeError.fieldErrors ?? {})).toEqual(["sizeBytes"]);
      }
      expect(await listVersions(app.id)).toEqual([]);
      expect(await outboxOf(app.id)).toEqual([]);
    });
  });

  describe("edit, hide, show, delete", () => {
    test("edit stores the changes and emits versionChange with the changed fields", async () => {
      const { actor, app, team } = await makeTeamWithApp("owner");
      const hooks = await makeSubscribers(actor.user.id, app.appKey, "versionChange");
      const created = await uploadVersion(actor.user.id, app.appKey, UPLOAD);

      const outcome = await editVersion(actor.user.id, app.appKey, created.id, {
        version: "2.4.1",
        build: "139",
        notes: "Faster start-up. Fixed login.",
      });
      expect(outcome.changed).toBe(true);
      const stored = await storedVersion(created.id);
      expect(stored).toMatchObject({
        version: "2.4.1",
        build: "139",
        notes: "Faster start-up. Fixed login.",
      });
      expect(stored?.sizeBytes).toBe(48_234_496);
      expect(stored?.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

      const event = await onlyEventOf(app.id, "versionChange");
      expect(event).toMatchObject({ type: "versionChange", teamId: team.id });
      expect(event.facts.version).toMatchObject({ version: "2.4.1", build: "139", sizeBytes: 48_234_496 });
      expect(event.facts.data).toEqual({
        change: "edited",
        version_id: created.id,
        changes: [
          { field: "version", from: "2.4", to: "2.4.1" },
          { field: "notes", from: "Faster start-up.", to: "Faster start-up. Fixed login." },
        ],
      });
      expect(event.facts.notes).toBe(
        "Version 2.4 (build 139) edited: version 2.4 → 2.4.1, release notes updated.",
      );
      expect(event.deliveries.map((d) => d.webhookId)).toEqual([hooks.subscribed.id]);
    });

    test("an edit that changes nothing writes nothing and emits nothing", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const created = await uploadVersion(actor.user.id, app.appKey, UPLOAD);
      const before = await outboxOf(app.id);
      const outcome = await editVersion(actor.user.id, app.appKey, created.id, {
        version: " 2.4 ",
        build: "139",
        notes: "Faster start-up.",
      });
      expect(outcome.changed).toBe(false);
      expect(await storedVersion(created.id)).toEqual(created);
      expect(await outboxOf(app.id)).toEqual(before);
    });

    test("editing into another version's version + build is refused on the build field", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      await uploadVersion(actor.user.id, app.appKey, UPLOAD);
      const second = await uploadVersion(actor.user.id, app.appKey, { ...UPLOAD, build: "140" });
      const events = (await outboxOf(app.id)).length;

      const error = await appErrorOf(() =>
        editVersion(actor.user.id, app.appKey, second.id, { version: "2.4", build: "139", notes: "" }),
      );
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors).toEqual({
        build: "Version 2.4 (build 139) was already uploaded for this app.",
      });
      expect(await storedVersion(second.id)).toEqual(second);
      expect(await outboxOf(app.id)).toHaveLength(events);
    });

    test("hide and show emit hidden and shown; hiding a hidden version changes nothing", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const hooks = await makeSubscribers(actor.user.id, app.appKey, "versionChange");
      const created = await uploadVersion(actor.user.id, app.appKey, UPLOAD);

      expect((await setVersionHidden(actor.user.id, app.appKey, created.id, true)).changed).toBe(true);
      expect((await storedVersion(created.id))?.hidden).toBe(true);
      expect((await setVersionHidden(actor.user.id, app.appKey, created.id, true)).changed).toBe(false);
      expect((await setVersionHidden(actor.user.id, app.appKey, created.id, false)).changed).toBe(true);
      expect((await storedVersion(created.id))?.hidden).toBe(false);

      const changes = (await outboxOf(app.id)).filter((e) => e.type === "versionChange");
      expect(changes.map((e) => e.facts.data)).toEqual([
        { change: "hidden", version_id: created.id },
        { change: "shown", version_id: created.id },
      ]);
      expect(changes.map((e) => e.facts.notes)).toEqual([
        "Version 2.4 (build 139) hidden.",
        "Version 2.4 (build 139) shown again.",
      ]);
      for (const event of changes) {
        expect(event.facts.version).toMatchObject({ version: "2.4", build: "139" });
        expect(event.deliveries.map((d) => d.webhookId)).toEqual([hooks.subscribed.id]);
      }
      const error = await appErrorOf(() => setVersionHidden(actor.user.id, app.appKey, created.id, "yes"));
      expect(error.code).toBe("invalid");
    });

    test("delete removes the version and emits versionChange with the deleted version's facts", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const hooks = await makeSubscribers(actor.user.id, app.appKey, "versionChange");
      const created = await uploadVersion(actor.user.id, app.appKey, UPLOAD);

      await deleteVersion(actor.user.id, app.appKey, created.id);
      expect(await storedVersion(created.id)).toBeUndefined();
      const event = await onlyEventOf(app.id, "versionChange");
      expect(event.type).toBe("versionChange");
      expect(event.facts).toMatchObject({
        version: { version: "2.4", build: "139", sizeBytes: 48_234_496, notes: "Faster start-up." },
        subjectCreatedAt: created.createdAt.toISOString(),
        notes: "Version 2.4 (build 139) deleted.",
        data: { change: "deleted", version_id: created.id },
      });
      expect(event.deliveries.map((d) => d.webhookId)).toEqual([hooks.subscribed.id]);

      expect((await appErrorOf(() => deleteVersion(actor.user.id, app.appKey, created.id))).code).toBe(
        "not_found",
      );
    });
  });

  describe("who may", () => {
    test("a member may not upload, edit, hide or delete; nothing changes and nothing is emitted", async () => {
      const { owner, actor: member, app } = await makeTeamWithApp("member");
      await makeSubscribers(owner.user.id, app.appKey, "versionChange");
      const created = await uploadVersion(owner.user.id, app.appKey, UPLOAD);
      const before = await outboxOf(app.id);

      for (const attempt of [
        () => uploadVersion(member.user.id, app.appKey, { ...UPLOAD, build: "200" }),
        () => editVersion(member.user.id, app.appKey, created.id, { ...UPLOAD, notes: "x" }),
        () => setVersionHidden(member.user.id, app.appKey, created.id, true),
        () => deleteVersion(member.user.id, app.appKey, created.id),
      ]) {
        expect((await appErrorOf(attempt)).code).toBe("forbidden");
      }
      expect(await listVersions(app.id)).toEqual([created]);
      expect(await outboxOf(app.id)).toEqual(before);
    });

    test("another team's app and versions are not_found, also through one's own app", async () => {
      const a = await makeTeamWithApp("owner");
      const b = await makeTeamWithApp("owner");
      const versionA = await uploadVersion(a.actor.user.id, a.app.appKey, UPLOAD);
      const userB = b.actor.user.id;

      for (const [label, attempt] of [
        ["upload", () => uploadVersion(userB, a.app.appKey, { ...UPLOAD, build: "300" })],
        ["edit", () => editVersion(userB, a.app.appKey, versionA.id, { ...UPLOAD, notes: "x" })],
        ["hide", () => setVersionHidden(userB, a.app.appKey, versionA.id, true)],
        ["delete", () => deleteVersion(userB, a.app.appKey, versionA.id)],
        ["edit via own app", () => editVersion(userB, b.app.appKey, versionA.id, { ...UPLOAD, notes: "x" })],
        ["hide via own app", () => setVersionHidden(userB, b.app.appKey, versionA.id, true)],
        ["delete via own app", () => deleteVersion(userB, b.app.appKey, versionA.id)],
        ["malformed id", () => deleteVersion(userB, b.app.appKey, "not-a-uuid")],
      ] as const) {
        const error = await appErrorOf(attempt);
        expect({ label, code: error.code }).toEqual({ label, code: "not_found" });
      }
      expect(await listVersions(a.app.id)).toEqual([versionA]);
      expect(await outboxOf(a.app.id)).toHaveLength(1);
      expect(await outboxOf(b.app.id)).toEqual([]);
    });
  });
});
