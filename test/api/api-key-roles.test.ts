import { describe, expect, test } from "vitest";
import { POST as ingest } from "@/app/api/v1/apps/[appKey]/events/route";
import {
  authenticateApiKey,
  createApiKey,
  GRANT_ROLE_MESSAGE,
  REVOKE_ROLE_MESSAGE,
  revokeApiKey,
} from "@/lib/api-keys/api-keys";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { inEnglish } from "@/lib/errors";
import { callApi } from "@/test/api/call-api";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp } from "@/test/factories";
import { tableCounts } from "@/test/table-counts";

describe.each(dbTargets())("API key access (%s)", (kind) => {
  useTestDatabase(kind);

  test("a key carries the role it was given (Admin by default), listed and returned when it authenticates", async () => {
    const { owner, team } = await makeTeamWithApp();
    const plain = await createApiKey(owner.user.id, team.id, { name: "Default" });
    const readOnly = await createApiKey(owner.user.id, team.id, { name: "Dashboards", role: "member" });
    const full = await createApiKey(owner.user.id, team.id, { name: "Ops", role: "owner" });
    expect([plain.role, readOnly.role, full.role]).toEqual(["admin", "member", "owner"]);
    expect(await authenticateApiKey(`Bearer ${readOnly.key}`)).toMatchObject({
      teamId: team.id,
      role: "member",
    });
    expect(await authenticateApiKey(`Bearer ${full.key}`)).toMatchObject({ role: "owner" });
    const listed = await listApiKeys(team.id);
    expect(listed.map((key) => [key.name, key.role])).toEqual(
      expect.arrayContaining([
        ["Default", "admin"],
        ["Dashboards", "member"],
        ["Ops", "owner"],
      ]),
    );
  });

  test("a key is revoked only by someone who could have created it: admins cannot revoke Owner keys", async () => {
    const { actor: admin, owner, team } = await makeTeamWithApp("admin");
    const root = await createApiKey(owner.user.id, team.id, { name: "Root", role: "owner" });
    const ci = await createApiKey(owner.user.id, team.id, { name: "CI", role: "admin" });
    const rootId = (await listApiKeys(team.id)).find((key) => key.name === "Root")?.id ?? "";
    const ciId = (await listApiKeys(team.id)).find((key) => key.name === "CI")?.id ?? "";
    const refused = await appErrorOf(() => revokeApiKey(admin.user.id, team.id, rootId));
    expect(refused).toMatchObject({ code: "forbidden", message: inEnglish(REVOKE_ROLE_MESSAGE) });
    expect(await authenticateApiKey(`Bearer ${root.key}`)).not.toBeNull();
    await revokeApiKey(admin.user.id, team.id, ciId);
    expect(await authenticateApiKey(`Bearer ${ci.key}`)).toBeNull();
    await revokeApiKey(owner.user.id, team.id, rootId);
    expect(await authenticateApiKey(`Bearer ${root.key}`)).toBeNull();
    // Revoked already, or another team's: not found.
    expect((await appErrorOf(() => revokeApiKey(owner.user.id, team.id, rootId))).code).toBe("not_found");
  });

  test("a creator grants at most their own role; members create no keys", async () => {
    const { actor: admin, owner, team } = await makeTeamWithApp("admin");
    expect((await createApiKey(admin.user.id, team.id, { name: "CI", role: "admin" })).role).toBe("admin");
    expect((await createApiKey(admin.user.id, team.id, { name: "RO", role: "member" })).role).toBe("member");
    const refused = await appErrorOf(() =>
      createApiKey(admin.user.id, team.id, { name: "Root", role: "owner" }),
    );
    expect(refused.code).toBe("invalid");
    expect(refused.fieldErrors).toEqual({ role: inEnglish(GRANT_ROLE_MESSAGE) });
    const invalidRole = await appErrorOf(() =>
      createApiKey(owner.user.id, team.id, { name: "X", role: "root" }),
    );
    expect(invalidRole.fieldErrors?.role).toBe("Choose Owner, Admin or Member.");
    const { actor: member, team: other } = await makeTeamWithApp("member");
    const byMember = await appErrorOf(() =>
      createApiKey(member.user.id, other.id, { name: "RO", role: "member" }),
    );
    expect(byMember.code).toBe("forbidden");
    expect((await listApiKeys(team.id)).map((key) => key.name).sort()).toEqual(["CI", "RO"]);
  });

  test("the ingest API refuses read-only keys (403) and stores nothing", async () => {
    const { owner, team, app } = await makeTeamWithApp();
    const { key } = await createApiKey(owner.user.id, team.id, { name: "RO", role: "member" });
    const before = await tableCounts();
    const answer = await callApi(ingest, "POST", {
      key,
      params: { appKey: app.appKey },
      body: { type: "feedback", content: "hello" },
    });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("read-only"),
    });
    expect(await tableCounts()).toEqual(before);
    const [listed] = await listApiKeys(team.id);
    expect(listed?.lastUsedAt).toBeNull();
  });
});
