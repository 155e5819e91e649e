import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { requireApp } from "@/lib/auth/access";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { listAppsForTeam } from "@/lib/db/queries/apps";
import { insertTeam } from "@/lib/db/queries/teams";
import { listVersions } from "@/lib/db/queries/versions";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { apps, deliveries, events, versions, webhooks } from "@/lib/db/schema";
import { inEnglish } from "@/lib/errors";
import { uploadVersion } from "@/lib/versions/save-version";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { addMember, makeTeamWithApp, makeUser } from "@/test/factories";
import { makeSubscribers, onlyEventOf, outboxOf } from "@/test/outbox";
import { deleteApp } from "./delete-app";
import { NOT_OWNER_OF_TARGET, transferApp, transferTargets } from "./transfer-app";
import { updateAppSettings } from "./update-settings";

const SETTINGS = { name: "Test App", description: "", iconUrl: "", installPassword: "" };

async function storedApp(id: string) {
  const [row] = await (await db()).select().from(apps).where(eq(apps.id, id));
  return row;
}

describe.each(dbTargets())("app settings (%s)", (kind) => {
  useTestDatabase(kind);

  describe("General", () => {
    test("an admin changes name, description and icon: stored, and settingsChange lists exactly those", async () => {
      const { owner, actor, app, team } = await makeTeamWithApp("admin");
      const hooks = await makeSubscribers(owner.user.id, app.appKey, "settingsChange");
      await uploadVersion(owner.user.id, app.appKey, {
        version: "2.4",
        build: "139",
        sizeBytes: 10,
        notes: "",
      });

      const outcome = await updateAppSettings(actor.user.id, app.appKey, {
        ...SETTINGS,
        name: " OooPlay ",
        description: "Plays things.",
        iconUrl: "https://cdn.example.test/icon.png",
      });
      expect(outcome.changes.map((c) => c.field)).toEqual(["name", "description", "icon_url"]);
      expect(await storedApp(app.id)).toMatchObject({
        name: "OooPlay",
        description: "Plays things.",
        iconUrl: "https://cdn.example.test/icon.png",
        installPasswordEncrypted: null,
        teamId: team.id,
      });

      const event = await onlyEventOf(app.id, "settingsChange");
      expect(event.teamId).toBe(team.id);
      expect(event.facts.app.name).toBe("OooPlay");
      expect(event.facts.data).toEqual({
        changes: [
          { field: "name", from: "Test App", to: "OooPlay" },
          { field: "description", from: "", to: "Plays things." },
          { field: "icon_url", from: null, to: "https://cdn.example.test/icon.png" },
        ],
      });
      expect(event.facts.version).toMatchObject({ version: "2.4", build: "139" });
      expect(event.facts.notes).toBe(
        "Changed: App name “Test App” → “OooPlay”; Description updated; Icon URL “” → “https://cdn.example.test/icon.png”.",
      );
      expect(event.deliveries.map((d) => d.webhookId)).toEqual([hooks.subscribed.id]);
    });

    test("the install password is stored encrypted and never appears in an event", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      await makeSubscribers(actor.user.id, app.appKey, "settingsChange");
      const password = "open-sesame-4821";

      await updateAppSettings(actor.user.id, app.appKey, { ...SETTINGS, installPassword: password });
      const stored = await storedApp(app.id);
      expect(stored?.installPasswordEncrypted).toBeTruthy();
      expect(stored?.installPasswordEncrypted).not.toContain(password);
      expect(decryptSecret(stored?.installPasswordEncrypted ?? "")).toBe(password);

      // Blank keeps it: nothing changed, nothing emitted.
      const kept = await updateAppSettings(actor.user.id, app.appKey, SETTINGS);
      expect(kept.changes).toEqual([]);
      expect((await storedApp(app.id))?.installPasswordEncrypted).toBe(stored?.installPasswordEncrypted);
      // The same password typed again is no change either.
      expect(
        (await updateAppSettings(actor.user.id, app.appKey, { ...SETTINGS, installPassword: password }))
          .changes,
      ).toEqual([]);

      await updateAppSettings(actor.user.id, app.appKey, { ...SETTINGS, installPassword: "another-one-99" });
      expect(decryptSecret((await storedApp(app.id))?.installPasswordEncrypted ?? "")).toBe("another-one-99");
      await updateAppSettings(actor.user.id, app.appKey, { ...SETTINGS, removeInstallPassword: true });
      expect((await storedApp(app.id))?.installPasswordEncrypted).toBeNull();
      // Removing when there is none: no change.
      expect(
        (await updateAppSettings(actor.user.id, app.appKey, { ...SETTINGS, removeInstallPassword: true }))
          .changes,
      ).toEqual([]);

      const emitted = (await outboxOf(app.id)).filter((e) => e.type === "settingsChange");
      expect(emitted.map((e) => e.facts.data.changes)).toEqual([
        [{ field: "install_password", from: null, to: "(set)" }],
        [{ field: "install_password", from: "(set)", to: "(changed)" }],
        [{ field: "install_password", from: "(set)", to: "(removed)" }],
      ]);
      expect(emitted.map((e) => e.facts.notes)).toEqual([
        "Changed: Install password set.",
        "Changed: Install password changed.",
        "Changed: Install password removed.",
      ]);
      const everything = JSON.stringify(await outboxOf(app.id));
      expect(everything).not.toContain(password);
      expect(everything).not.toContain("another-one-99");
      for (const event of emitted) expect(event.deliveries).toHaveLength(1);
    });

    test("saving unchanged settings writes nothing and emits nothing", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      await makeSubscribers(actor.user.id, app.appKey, "settingsChange");
      const before = await storedApp(app.id);
      const outcome = await updateAppSettings(actor.user.id, app.appKey, { ...SETTINGS, name: " Test App " });
      expect(outcome.changes).toEqual([]);
      expect(await storedApp(app.id)).toEqual(before);
      expect(await outboxOf(app.id)).toEqual([]);
    });

    test("invalid input names the fields and changes nothing", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const error = await appErrorOf(() =>
        updateAppSettings(actor.user.id, app.appKey, {
          name: "",
          description: "x".repeat(501),
          iconUrl: "javascript:alert(1)",
          installPassword: "p".repeat(65),
        }),
      );
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors).toEqual({
        name: "Enter the app's name.",
        description: "Description must be at most 500 characters.",
        iconUrl: "The icon URL must start with https:// or http://.",
        installPassword: "Install password must be at most 64 characters.",
      });
      expect((await storedApp(app.id))?.name).toBe("Test App");
      expect(await outboxOf(app.id)).toEqual([]);
    });

    test("a member is forbidden, another team gets not_found; nothing changes", async () => {
      const { actor: member, app } = await makeTeamWithApp("member");
      const stranger = await makeTeamWithApp("owner");
      const before = await storedApp(app.id);
      const change = { ...SETTINGS, name: "Renamed" };
      expect((await appErrorOf(() => updateAppSettings(member.user.id, app.appKey, change))).code).toBe(
        "forbidden",
      );
      expect(
        (await appErrorOf(() => updateAppSettings(stranger.actor.user.id, app.appKey, change))).code,
      ).toBe("not_found");
      expect(await storedApp(app.id)).toEqual(before);
      expect(await outboxOf(app.id)).toEqual([]);
    });
  });

  describe("Transfer", () => {
    test("an owner of both teams moves the app; webhooks stay with it; appMigration goes out under the new team", async () => {
      const { actor, app, team } = await makeTeamWithApp("owner");
      const hooks = await makeSubscribers(actor.user.id, app.appKey, "appMigration");
      const target = await insertTeam(actor.user.id, "Release Team", "UTC");
      expect(await transferTargets(actor.user.id, app.appKey)).toEqual([
        { id: target.id, name: "Release Team" },
      ]);

      const outcome = await transferApp(actor.user.id, app.appKey, { teamId: target.id });
      expect(outcome).toMatchObject({ fromTeam: team.name, toTeam: "Release Team" });
      expect((await storedApp(app.id))?.teamId).toBe(target.id);
      expect((await listAppsForTeam(team.id)).map((a) => a.id)).toEqual([]);
      expect((await listAppsForTeam(target.id)).map((a) => a.id)).toEqual([app.id]);
      expect((await listWebhooks(app.id)).map((w) => w.id).sort()).toEqual(
        [hooks.subscribed.id, hooks.disabled.id, hooks.unsubscribed.id].sort(),
      );
      expect((await requireApp(actor.user.id, app.appKey)).teamName).toBe("Release Team");

      const event = await onlyEventOf(app.id, "appMigration");
      expect(event.teamId).toBe(target.id);
      expect(event.facts.data).toEqual({ from_team: team.name, to_team: "Release Team" });
      expect(event.facts.notes).toBe(`Moved from team ${team.name} to team Release Team.`);
      expect(event.deliveries.map((d) => d.webhookId)).toEqual([hooks.subscribed.id]);
    });

    test("to a team where the user is admin or member, or not a member at all, is refused", async () => {
      const { actor, app, team } = await makeTeamWithApp("owner");
      const other = await makeUser("Other Owner");
      await addMember(other.team.id, actor.user.id, "admin");
      const third = await makeUser("Third Owner");
      await addMember(third.team.id, actor.user.id, "member");
      const stranger = await makeUser("Stranger");
      expect(await transferTargets(actor.user.id, app.appKey)).toEqual([]);

      for (const [teamId, code] of [
        [other.team.id, "forbidden"],
        [third.team.id, "forbidden"],
        [stranger.team.id, "not_found"],
        ["not-a-uuid", "not_found"],
      ] as const) {
        const error = await appErrorOf(() => transferApp(actor.user.id, app.appKey, { teamId }));
        expect({ teamId, code: error.code }).toEqual({ teamId, code });
        if (code === "forbidden") expect(error.message).toBe(inEnglish(NOT_OWNER_OF_TARGET));
      }
      const same = await appErrorOf(() => transferApp(actor.user.id, app.appKey, { teamId: team.id }));
      expect(same.fieldErrors).toEqual({ teamId: "The app already belongs to this team." });
      const empty = await appErrorOf(() => transferApp(actor.user.id, app.appKey, { teamId: "" }));
      expect(empty.fieldErrors).toEqual({ teamId: "Choose the team to move the app to." });

      expect((await storedApp(app.id))?.teamId).toBe(team.id);
      expect(await outboxOf(app.id)).toEqual([]);
    });

    test("an admin of the app's team may not transfer it; another team's user gets not_found", async () => {
      const { actor: admin, app, team } = await makeTeamWithApp("admin");
      const own = await insertTeam(admin.user.id, "Admin's own", "UTC");
      const stranger = await makeUser();
      expect((await appErrorOf(() => transferApp(admin.user.id, app.appKey, { teamId: own.id }))).code).toBe(
        "forbidden",
      );
      expect((await appErrorOf(() => transferTargets(admin.user.id, app.appKey))).code).toBe("forbidden");
      expect(
        (await appErrorOf(() => transferApp(stranger.user.id, app.appKey, { teamId: stranger.team.id })))
          .code,
      ).toBe("not_found");
      expect((await storedApp(app.id))?.teamId).toBe(team.id);
      expect(await outboxOf(app.id)).toEqual([]);
    });
  });

  describe("Delete", () => {
    test("an owner deletes the app after typing its name; appDelete and its delivery outlive app and webhooks", async () => {
      const { actor, app, team } = await makeTeamWithApp("owner");
      const hooks = await makeSubscribers(actor.user.id, app.appKey, "appDelete");
      await uploadVersion(actor.user.id, app.appKey, { version: "1.0", build: "1", sizeBytes: 5, notes: "" });

      await deleteApp(actor.user.id, app.appKey, { confirmName: " Test App " });

      const database = await db();
      expect(await storedApp(app.id)).toBeUndefined();
      expect(await database.select().from(webhooks).where(eq(webhooks.appId, app.id))).toEqual([]);
      expect(await database.select().from(versions).where(eq(versions.appId, app.id))).toEqual([]);
      expect((await appErrorOf(() => requireApp(actor.user.id, app.appKey))).code).toBe("not_found");

      const event = await onlyEventOf(app.id, "appDelete");
      expect(event).toMatchObject({ teamId: team.id, appId: app.id });
      expect(event.facts).toMatchObject({
        app: { key: app.appKey, name: "Test App" },
        version: { version: "1.0", build: "1" },
        notes: "App Test App was deleted.",
        data: {},
      });
      expect(event.deliveries).toHaveLength(1);
      expect(event.deliveries[0]).toMatchObject({
        webhookId: hooks.subscribed.id,
        status: "pending",
        target: { url: hooks.subscribed.url, name: "Subscribed", type: "json" },
      });
      expect(event.deliveries[0]?.target.signingSecretsEncrypted).toHaveLength(1);
      // Read straight from the tables: both rows are still there.
      expect(await database.select().from(events).where(eq(events.id, event.id))).toHaveLength(1);
      expect(await database.select().from(deliveries).where(eq(deliveries.eventId, event.id))).toHaveLength(
        1,
      );
    });

    test("a wrong name is refused on the field and deletes nothing", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      for (const confirmName of ["", "test app", "Test"]) {
        const error = await appErrorOf(() => deleteApp(actor.user.id, app.appKey, { confirmName }));
        expect(error.fieldErrors).toEqual({ confirmName: "Type the app's name exactly as shown: Test App" });
      }
      expect(await storedApp(app.id)).toBeTruthy();
      expect(await outboxOf(app.id)).toEqual([]);
    });

    test("admins and members may not delete; another team gets not_found; nothing is deleted", async () => {
      const admin = await makeTeamWithApp("admin");
      const member = await makeUser("Mia Member");
      await addMember(admin.team.id, member.user.id, "member");
      const stranger = await makeTeamWithApp("owner");
      const input = { confirmName: "Test App" };
      expect((await appErrorOf(() => deleteApp(admin.actor.user.id, admin.app.appKey, input))).code).toBe(
        "forbidden",
      );
      expect((await appErrorOf(() => deleteApp(member.user.id, admin.app.appKey, input))).code).toBe(
        "forbidden",
      );
      expect((await appErrorOf(() => deleteApp(stranger.actor.user.id, admin.app.appKey, input))).code).toBe(
        "not_found",
      );
      expect(await storedApp(admin.app.id)).toBeTruthy();
      expect(await listVersions(admin.app.id)).toEqual([]);
      expect(await outboxOf(admin.app.id)).toEqual([]);
    });
  });
});
