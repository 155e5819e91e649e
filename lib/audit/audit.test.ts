import { desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { createApp } from "@/lib/apps/create-app";
import { deleteApp } from "@/lib/apps/delete-app";
import { transferApp } from "@/lib/apps/transfer-app";
import { updateAppSettings } from "@/lib/apps/update-settings";
import { db } from "@/lib/db/client";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { insertTeam } from "@/lib/db/queries/teams";
import { type AuditEntry, auditEntries } from "@/lib/db/schema";
import { purgeExpired } from "@/lib/delivery/retention";
import { resendFailed } from "@/lib/delivery-log/resend-failed";
import { AUDIT_RETENTION_DAYS } from "@/lib/domain/audit";
import { acceptInvite, createInvite, revokeInvite } from "@/lib/teams/invites";
import { changeMemberRole, removeMember } from "@/lib/teams/members";
import { updatePayloadTimeZone } from "@/lib/teams/team-settings";
import { enableWebhook } from "@/lib/webhooks/enable-webhook";
import { createWebhook, deleteWebhook, setWebhookEnabled, updateWebhook } from "@/lib/webhooks/save-webhook";
import { revealSigningSecret, rotateSigningSecret } from "@/lib/webhooks/signing-secret";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { addMember, makeTeamWithApp, makeUser, webhookBody } from "@/test/factories";
import { listAudit } from "./list-audit";
import type { Origin } from "./origin";
import { recordAudit } from "./record";

const FROM: Origin = { address: "203.0.113.7" };
const ROBOT_TOKEN = "693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa";
const ROBOT_URL = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${ROBOT_TOKEN}`;
const OTHER_TOKEN = "b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";
const OTHER_URL = `https://oapi.dingtalk.com/robot/send?access_token=${OTHER_TOKEN}`;

/** The team's stored rows, newest first, exactly as in the table. */
async function rowsOf(teamId: string): Promise<AuditEntry[]> {
  return (await db())
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.teamId, teamId))
    .orderBy(desc(auditEntries.at), desc(auditEntries.id));
}

async function latest(teamId: string): Promise<AuditEntry> {
  const [row] = await rowsOf(teamId);
  if (!row) throw new Error("no audit entry");
  return row;
}

/** Fails when any of `secrets` appears anywhere in any of the team's stored rows. */
async function expectNoSecrets(teamId: string, secrets: string[]): Promise<void> {
  const stored = JSON.stringify(await rowsOf(teamId));
  for (const secret of secrets) expect(stored).not.toContain(secret);
}

describe.each(dbTargets())("audit log (%s)", (kind) => {
  useTestDatabase(kind);

  test("webhooks: create, update, on/off, re-enable, reveal, rotate, resend, delete — who, where, old → new, no secret", async () => {
    const { owner, team, app } = await makeTeamWithApp("owner");
    const user = owner.user;
    const hook = await createWebhook(
      user.id,
      app.appKey,
      webhookBody({ name: "Team chat", type: "wecom", url: ROBOT_URL, secret: "robot-s3cr3t-1" }),
      FROM,
    );
    let row = await latest(team.id);
    expect(row).toMatchObject({
      kind: "webhook.created",
      actorType: "user",
      actorId: user.id,
      actorName: "Olivia Owner",
      address: "203.0.113.7",
      appId: app.id,
      appName: "Test App",
      targetId: hook.id,
      targetName: "Team chat",
    });
    expect(row.changes).toEqual(
      expect.arrayContaining([
        { field: "name", from: null, to: "Team chat" },
        { field: "url", from: null, to: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a••••" },
        { field: "enabled", from: null, to: true },
        { field: "secret", secret: true },
      ]),
    );

    // The form: off, a new URL and a new secret.
    await updateWebhook(
      user.id,
      app.appKey,
      hook.id,
      webhookBody({
        name: "Team chat",
        type: "wecom",
        url: OTHER_URL,
        secret: "robot-s3cr3t-2",
        enabled: false,
      }),
      FROM,
    );
    row = await latest(team.id);
    expect(row.kind).toBe("webhook.updated");
    expect(row.changes).toEqual([
      {
        field: "url",
        from: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a••••",
        to: "https://oapi.dingtalk.com/robot/send?access_token=b1c2••••",
      },
      { field: "enabled", from: true, to: false },
      { field: "secret", secret: true },
    ]);

    // Saving the same values again changes nothing: no entry.
    const count = (await rowsOf(team.id)).length;
    await updateWebhook(
      user.id,
      app.appKey,
      hook.id,
      webhookBody({ name: "Team chat", type: "wecom", url: OTHER_URL, enabled: false }),
      FROM,
    );
    expect(await rowsOf(team.id)).toHaveLength(count);

    await enableWebhook(user.id, app.appKey, hook.id, FROM);
    expect((await latest(team.id)).changes).toEqual([{ field: "enabled", from: false, to: true }]);
    await setWebhookEnabled(user.id, app.appKey, hook.id, false, FROM);
    expect(await latest(team.id)).toMatchObject({
      kind: "webhook.updated",
      changes: [{ field: "enabled", from: true, to: false }],
    });
    await setWebhookEnabled(user.id, app.appKey, hook.id, true, FROM);

    const revealed = await revealSigningSecret(user.id, app.appKey, hook.id, FROM);
    expect(await latest(team.id)).toMatchObject({ kind: "webhook.secret_revealed", changes: [] });
    const rotated = await rotateSigningSecret(user.id, app.appKey, hook.id, FROM);
    expect(await latest(team.id)).toMatchObject({
      kind: "webhook.secret_rotated",
      changes: [{ field: "signing_secret", secret: true }],
    });

    const since = new Date(Date.now() - 60_000).toISOString();
    await resendFailed(user.id, app.appKey, hook.id, { since }, FROM);
    expect(await latest(team.id)).toMatchObject({
      kind: "webhook.failed_resent",
      changes: [
        { field: "since", from: null, to: since },
        { field: "requeued", from: null, to: 0 },
      ],
    });

    await deleteWebhook(user.id, app.appKey, hook.id, FROM);
    expect(await latest(team.id)).toMatchObject({ kind: "webhook.deleted", targetName: "Team chat" });

    const webhookEntries = (await rowsOf(team.id)).filter((entry) => entry.kind.startsWith("webhook."));
    expect(webhookEntries).toHaveLength(9);
    expect(webhookEntries.every((entry) => entry.address === "203.0.113.7")).toBe(true);
    await expectNoSecrets(team.id, [
      "robot-s3cr3t-1",
      "robot-s3cr3t-2",
      ROBOT_TOKEN,
      OTHER_TOKEN,
      revealed.secret,
      rotated.secret,
      revealed.secret.slice(6),
    ]);
  });

  test("apps: create, settings (install password as a secret), transfer (both teams), delete", async () => {
    const owner = await makeUser("Olivia Owner");
    const app = await createApp(owner.user.id, owner.team.id, { name: "Demo", platform: "ios" }, FROM);
    expect(await latest(owner.team.id)).toMatchObject({
      kind: "app.created",
      appId: app.id,
      appName: "Demo",
      changes: [
        { field: "name", from: null, to: "Demo" },
        { field: "platform", from: null, to: "ios" },
      ],
    });

    await updateAppSettings(
      owner.user.id,
      app.appKey,
      { name: "Demo 2", description: "", iconUrl: "", installPassword: "hunter2-install" },
      "replace",
      FROM,
    );
    expect(await latest(owner.team.id)).toMatchObject({
      kind: "app.updated",
      appName: "Demo 2",
      changes: [
        { field: "name", from: "Demo", to: "Demo 2" },
        { field: "install_password", secret: true },
      ],
    });
    await expectNoSecrets(owner.team.id, ["hunter2-install", "(set)", "(changed)"]);

    const target = await insertTeam(owner.user.id, "Release Team", "UTC");
    await transferApp(owner.user.id, app.appKey, { teamId: target.id }, FROM);
    for (const teamId of [owner.team.id, target.id]) {
      expect(await latest(teamId)).toMatchObject({
        kind: "app.transferred",
        appId: app.id,
        changes: [{ field: "team", from: owner.team.name, to: "Release Team" }],
      });
    }

    await deleteApp(owner.user.id, app.appKey, { confirmName: "Demo 2" }, FROM);
    expect(await latest(target.id)).toMatchObject({ kind: "app.deleted", appId: app.id, appName: "Demo 2" });
  });

  test("API keys, members, invites and team settings; the key and the invite token are never stored", async () => {
    const { owner, actor: admin, team } = await makeTeamWithApp("admin");
    const { key } = await createApiKey(owner.user.id, team.id, { name: "CI uploads", role: "admin" }, FROM);
    const [created] = await listApiKeys(team.id);
    expect(await latest(team.id)).toMatchObject({
      kind: "api_key.created",
      actorId: owner.user.id,
      targetId: created?.id,
      targetName: "CI uploads",
      changes: [
        { field: "name", from: null, to: "CI uploads" },
        { field: "role", from: null, to: "admin" },
      ],
    });
    await revokeApiKey(owner.user.id, team.id, created?.id ?? "", FROM);
    expect(await latest(team.id)).toMatchObject({
      kind: "api_key.revoked",
      targetName: "CI uploads",
      changes: [{ field: "role", from: "admin", to: null }],
    });

    await changeMemberRole(owner.user.id, team.id, admin.user.id, "member", FROM);
    expect(await latest(team.id)).toMatchObject({
      kind: "member.role_changed",
      targetId: admin.user.id,
      targetName: "Adam Admin",
      changes: [{ field: "role", from: "admin", to: "member" }],
    });
    await removeMember(owner.user.id, team.id, admin.user.id, FROM);
    expect(await latest(team.id)).toMatchObject({
      kind: "member.removed",
      changes: [{ field: "role", from: "member", to: null }],
    });

    const first = await createInvite(owner.user.id, team.id, "admin", FROM);
    const invitedEntry = await latest(team.id);
    expect(invitedEntry).toMatchObject({
      kind: "invite.created",
      changes: [{ field: "role", from: null, to: "admin" }],
    });
    await revokeInvite(owner.user.id, team.id, invitedEntry.targetId ?? "", FROM);
    expect(await latest(team.id)).toMatchObject({ kind: "invite.revoked", targetId: invitedEntry.targetId });
    const second = await createInvite(owner.user.id, team.id, "member", FROM);
    const joiner = await makeUser("Jo Joiner");
    await acceptInvite(joiner.user.id, second.token, FROM);
    expect(await latest(team.id)).toMatchObject({
      kind: "invite.accepted",
      actorId: joiner.user.id,
      actorName: "Jo Joiner",
      changes: [{ field: "role", from: null, to: "member" }],
    });

    await updatePayloadTimeZone(owner.user.id, team.id, { timeZone: "Asia/Shanghai" }, FROM);
    expect(await latest(team.id)).toMatchObject({
      kind: "team.updated",
      changes: [{ field: "payload_time_zone", from: "UTC", to: "Asia/Shanghai" }],
    });
    await expectNoSecrets(team.id, [key, key.slice(12), first.token, second.token]);
  });

  test("a change that fails writes no entry", async () => {
    const { owner, team, app } = await makeTeamWithApp("owner");
    const taken = await createWebhook(owner.user.id, app.appKey, webhookBody({ name: "Taken" }), FROM);
    const other = await createWebhook(owner.user.id, app.appKey, webhookBody({ name: "Other" }), FROM);
    const before = (await rowsOf(team.id)).length;

    expect(
      (
        await appErrorOf(() =>
          updateWebhook(owner.user.id, app.appKey, other.id, webhookBody({ name: "taken" }), FROM),
        )
      ).code,
    ).toBe("invalid");
    expect(
      (await appErrorOf(() => deleteApp(owner.user.id, app.appKey, { confirmName: "Nope" }, FROM))).code,
    ).toBe("invalid");
    expect(
      (await appErrorOf(() => changeMemberRole(owner.user.id, team.id, owner.user.id, "admin", FROM))).code,
    ).toBe("conflict");
    // Refused inside the transaction, after the requeue statement ran: rolled back with it.
    await setWebhookEnabled(owner.user.id, app.appKey, taken.id, false);
    const off = (await rowsOf(team.id)).length;
    expect(
      (
        await appErrorOf(() =>
          resendFailed(owner.user.id, app.appKey, taken.id, { since: new Date().toISOString() }, FROM),
        )
      ).code,
    ).toBe("conflict");
    expect(await rowsOf(team.id)).toHaveLength(off);
    expect(off).toBe(before + 1);
  });

  test("the log: newest first, filters, cursor pages, other teams never visible, members refused", async () => {
    const { owner, actor: admin, team, app } = await makeTeamWithApp("admin");
    const member = await makeUser("Mia Member");
    await addMember(team.id, member.user.id, "member");
    const hooks = [];
    for (const name of ["One", "Two", "Three"]) {
      hooks.push(await createWebhook(admin.user.id, app.appKey, webhookBody({ name }), FROM));
    }
    await setWebhookEnabled(owner.user.id, app.appKey, hooks[0]?.id ?? "", false, FROM);
    await updatePayloadTimeZone(owner.user.id, team.id, { timeZone: "Europe/Berlin" }, FROM);
    const stranger = await makeTeamWithApp("owner");
    await createWebhook(stranger.owner.user.id, stranger.app.appKey, webhookBody({ name: "Theirs" }), FROM);

    const all = await listAudit(owner.user.id, team.id, {});
    // The app's creation (by the factory), three webhooks, one switch, the time zone.
    expect(all.entries.map((entry) => entry.kind)).toEqual([
      "team.updated",
      "webhook.updated",
      "webhook.created",
      "webhook.created",
      "webhook.created",
      "app.created",
    ]);
    expect(all.nextCursor).toBeNull();
    expect(all.entries.some((entry) => entry.target?.name === "Theirs")).toBe(false);

    const byKind = await listAudit(admin.user.id, team.id, { kind: "webhook.created" });
    expect(byKind.entries.map((entry) => entry.target?.name)).toEqual(["Three", "Two", "One"]);
    const byActor = await listAudit(owner.user.id, team.id, { actor: `user:${owner.user.id}` });
    expect(byActor.entries.map((entry) => entry.kind)).toEqual([
      "team.updated",
      "webhook.updated",
      "app.created",
    ]);
    const byApp = await listAudit(owner.user.id, team.id, { app: app.id });
    expect(byApp.entries).toHaveLength(5);
    const future = await listAudit(owner.user.id, team.id, {
      since: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(future.entries).toEqual([]);
    const past = await listAudit(owner.user.id, team.id, {
      until: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(past.entries).toEqual([]);

    // Pages of two, each older than the last, together the whole log once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAudit>> = await listAudit(owner.user.id, team.id, {
        limit: "2",
        ...(cursor ? { cursor } : {}),
      });
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((entry) => entry.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.entries.map((entry) => entry.id));

    expect((await appErrorOf(() => listAudit(member.user.id, team.id, {}))).code).toBe("forbidden");
    expect((await appErrorOf(() => listAudit(owner.user.id, stranger.team.id, {}))).code).toBe("not_found");
    const bad = await appErrorOf(() => listAudit(owner.user.id, team.id, { kind: "nope", cursor: "x" }));
    expect(bad.fieldErrors).toMatchObject({ kind: "Unknown kind of change." });
    expect(
      (await appErrorOf(() => listAudit(owner.user.id, team.id, { cursor: "bm9wZQ" }))).fieldErrors,
    ).toEqual({
      cursor: "This cursor is not valid: use the nextCursor of a previous page.",
    });
  });

  test("retention: entries older than a year are purged by the maintenance pass, newer ones kept", async () => {
    const { owner, team } = await makeTeamWithApp("owner");
    const now = new Date();
    const DAY = 24 * 3_600_000;
    const old = await recordAudit(await db(), owner.user.id, FROM, {
      teamId: team.id,
      kind: "team.updated",
      at: new Date(now.getTime() - (AUDIT_RETENTION_DAYS + 1) * DAY),
    });
    const kept = await recordAudit(await db(), owner.user.id, FROM, {
      teamId: team.id,
      kind: "team.updated",
      at: new Date(now.getTime() - (AUDIT_RETENTION_DAYS - 1) * DAY),
    });
    const counts = await purgeExpired({ now, retentionMs: 30 * DAY, pauseMs: 0 });
    expect(counts.auditEntries).toBe(1);
    const ids = (await rowsOf(team.id)).map((row) => row.id);
    expect(ids).not.toContain(old.id);
    expect(ids).toContain(kept.id);
    expect((await purgeExpired({ now, retentionMs: 30 * DAY, pauseMs: 0 })).auditEntries).toBe(0);
  });
});
