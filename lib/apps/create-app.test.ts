import { describe, expect, test } from "vitest";
import { requireApp } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { listAppsForTeam } from "@/lib/db/queries/apps";
import { insertVersion } from "@/lib/db/queries/versions";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { addMember, makeTeamWithApp, makeUser, webhookBody } from "@/test/factories";
import { createApp } from "./create-app";

const APP_KEY = /^[a-z2-9]{16}$/;

describe.each(dbTargets())("apps (%s)", (kind) => {
  useTestDatabase(kind);

  test("an owner creates an app with a short unguessable key, different for every app", async () => {
    const { user, team } = await makeUser();
    const first = await createApp(user.id, team.id, { name: " OooPlay ", platform: "android", bundleId: "" });
    const second = await createApp(user.id, team.id, {
      name: "OooPlay HD",
      platform: "harmonyos",
      bundleId: "com.example.oooplay",
    });
    expect(first).toMatchObject({ name: "OooPlay", platform: "android", bundleId: null, teamId: team.id });
    expect(second.bundleId).toBe("com.example.oooplay");
    expect(first.appKey).toMatch(APP_KEY);
    expect(second.appKey).toMatch(APP_KEY);
    expect(first.appKey).not.toBe(second.appKey);
    expect((await requireApp(user.id, first.appKey)).app.id).toBe(first.id);
  });

  test("an admin may create apps; a member may not, and nothing is created", async () => {
    const { owner, team } = await makeTeamWithApp("owner");
    const admin = await makeUser("Adam Admin");
    const member = await makeUser("Mia Member");
    await addMember(team.id, admin.user.id, "admin");
    await addMember(team.id, member.user.id, "member");

    await createApp(admin.user.id, team.id, { name: "By admin", platform: "ios" });
    const error = await appErrorOf(() =>
      createApp(member.user.id, team.id, { name: "By member", platform: "ios" }),
    );
    expect(error.code).toBe("forbidden");

    const names = (await listAppsForTeam(team.id)).map((app) => app.name).sort();
    expect(names).toEqual(["By admin", "Test App"]);
    expect(owner.team.id).toBe(team.id);
  });

  test("creating an app in another user's team is not_found and creates nothing", async () => {
    const a = await makeUser();
    const b = await makeUser();
    for (const teamId of [a.team.id, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      const error = await appErrorOf(() =>
        createApp(b.user.id, teamId, { name: "Intruder", platform: "ios" }),
      );
      expect(error.code).toBe("not_found");
    }
    expect(await listAppsForTeam(a.team.id)).toEqual([]);
  });

  test("invalid input names the field", async () => {
    const { user, team } = await makeUser();
    const error = await appErrorOf(() =>
      createApp(user.id, team.id, { name: "", platform: "windows", bundleId: "not a bundle" }),
    );
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors).toEqual({
      name: "Enter the app's name.",
      platform: "Choose iOS, Android or HarmonyOS.",
      bundleId: "Use reverse-domain form, like com.example.app.",
    });
    expect(await listAppsForTeam(team.id)).toEqual([]);
  });

  test("My Apps lists each app with its own webhook count and latest visible version", async () => {
    const { actor, app, team } = await makeTeamWithApp("owner");
    const other = await createApp(actor.user.id, team.id, { name: "Other", platform: "android" });
    await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "One" }));
    await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "Two" }));
    await createWebhook(actor.user.id, other.appKey, webhookBody({ name: "Only" }));
    await insertVersion(await db(), {
      appId: app.id,
      version: "2.3",
      build: "138",
      sizeBytes: 1000,
      notes: "",
    });
    await insertVersion(await db(), {
      appId: app.id,
      version: "2.4",
      build: "139",
      sizeBytes: 1000,
      notes: "",
    });

    const listed = await listAppsForTeam(team.id);
    expect(
      listed.map((item) => [item.name, item.webhookCount, item.latestVersion, item.latestBuild]),
    ).toEqual([
      ["Other", 1, null, null],
      ["Test App", 2, "2.4", "139"],
    ]);
  });
});
