import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deleteApp } from "@/lib/apps/delete-app";
import { transferApp } from "@/lib/apps/transfer-app";
import { updateAppSettings } from "@/lib/apps/update-settings";
import { EVENT_TYPES } from "@/lib/domain/event-catalog";
import type { GenericPayload } from "@/lib/events/payload";
import { createTeam } from "@/lib/teams/members";
import { editVersion, setVersionHidden, uploadVersion } from "@/lib/versions/save-version";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, webhookBody } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { drainOnce } from "./worker";

// The dashboard's own producers, not fixtures: what each one emits is what the receiver gets.
describe.each(dbTargets())("dashboard changes reach the webhook as payloads (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  test("upload, edit, hide, settings, transfer and delete: one payload each, delivered after the app is gone", async () => {
    const { owner, app } = await makeTeamWithApp("owner");
    const userId = owner.user.id;
    const path = `/producers-${kind}`;
    await createWebhook(
      userId,
      app.appKey,
      webhookBody({ name: "All", url: receiver.url(path), events: [...EVENT_TYPES] }),
    );

    const version = await uploadVersion(userId, app.appKey, {
      version: "2.4",
      build: "139",
      sizeBytes: 2048,
      notes: "First",
    });
    await editVersion(userId, app.appKey, version.id, { version: "2.4.1", build: "139", notes: "First" });
    await setVersionHidden(userId, app.appKey, version.id, true);
    await updateAppSettings(userId, app.appKey, { name: "OooPlay Pro", description: "" });
    const second = await createTeam(userId, { name: "Second team" }, "en");
    await transferApp(userId, app.appKey, { teamId: second.id });
    await deleteApp(userId, app.appKey, { confirmName: "OooPlay Pro" });

    const stats = await drainOnce();
    expect(stats).toMatchObject({ succeeded: 6, failed: 0 });
    const bodies = receiver.requestsTo(path).map((request) => {
      const body = JSON.parse(request.body) as GenericPayload;
      expect(request.headers["x-apphooks-event"]).toBe(body.type);
      expect(request.headers["webhook-id"]).toBe(body.event_id);
      return body;
    });
    const byKind = (type: string, change?: string) =>
      bodies.filter((body) => body.type === type && (change === undefined || body.data.change === change));

    expect(byKind("updateVersion")).toEqual([
      expect.objectContaining({
        message: "Your App Test App has a new version (2.4) update.",
        os_version: "2.4",
        build_version: "139",
        appsize: "2048",
        notes: "First",
      }),
    ]);
    const [edited] = byKind("versionChange", "edited");
    expect(edited).toMatchObject({ os_version: "2.4.1", build_version: "139" });
    expect(edited?.data.changes).toEqual([{ field: "version", from: "2.4", to: "2.4.1" }]);
    expect(byKind("versionChange", "hidden")).toHaveLength(1);
    const [settings] = byKind("settingsChange");
    expect(settings?.title).toBe("OooPlay Pro");
    expect(settings?.data.changes).toEqual([{ field: "name", from: "Test App", to: "OooPlay Pro" }]);
    expect(settings?.message).toBe("The settings of OooPlay Pro changed: App name.");
    const [moved] = byKind("appMigration");
    expect(moved?.data).toMatchObject({ from_team: owner.team.name, to_team: "Second team" });
    const [deleted] = byKind("appDelete");
    expect(deleted).toMatchObject({
      title: "OooPlay Pro",
      message: "OooPlay Pro was deleted.",
      app_key: app.appKey,
    });
    expect(bodies).toHaveLength(6);
  });
});
