import { describe, expect, test, vi } from "vitest";
import { deleteApp } from "@/lib/apps/delete-app";
import { findAppForTeam } from "@/lib/db/queries/apps";
import { insertAuditEntry } from "@/lib/db/queries/audit";
import { findTeam } from "@/lib/db/queries/teams";
import { findWebhook } from "@/lib/db/queries/webhooks";
import { updatePayloadTimeZone } from "@/lib/teams/team-settings";
import { createWebhook, setWebhookEnabled } from "@/lib/webhooks/save-webhook";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, webhookBody } from "@/test/factories";

// The audit insert, made to fail on demand: the change it records must then not be committed either.
vi.mock("@/lib/db/queries/audit", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/db/queries/audit")>();
  return { ...original, insertAuditEntry: vi.fn(original.insertAuditEntry) };
});

const failNextAudit = () =>
  vi.mocked(insertAuditEntry).mockRejectedValueOnce(new Error("audit insert failed"));

describe.each(dbTargets())("audit entries share the change's transaction (%s)", (kind) => {
  useTestDatabase(kind);

  test("when the entry cannot be written, the change is rolled back", async () => {
    const { owner, team, app } = await makeTeamWithApp("owner");
    const hook = await createWebhook(owner.user.id, app.appKey, webhookBody());

    failNextAudit();
    await expect(setWebhookEnabled(owner.user.id, app.appKey, hook.id, false)).rejects.toThrow(
      "audit insert failed",
    );
    expect((await findWebhook(app.id, hook.id))?.enabled).toBe(true);

    failNextAudit();
    await expect(updatePayloadTimeZone(owner.user.id, team.id, { timeZone: "Asia/Tokyo" })).rejects.toThrow(
      "audit insert failed",
    );
    expect((await findTeam(team.id))?.payloadTimeZone).toBe("UTC");

    failNextAudit();
    await expect(deleteApp(owner.user.id, app.appKey, { confirmName: app.name })).rejects.toThrow(
      "audit insert failed",
    );
    expect(await findAppForTeam(team.id, app.appKey)).toBeDefined();

    // And with the entry written, the same change goes through.
    await setWebhookEnabled(owner.user.id, app.appKey, hook.id, false);
    expect((await findWebhook(app.id, hook.id))?.enabled).toBe(false);
  });
});
