import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { requireApp } from "@/lib/auth/access";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { listAppsForTeam } from "@/lib/db/queries/apps";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { webhooks } from "@/lib/db/schema";
import { inEnglish } from "@/lib/errors";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { insertWebhook, makeTeamWithApp, makeUser, webhookBody } from "@/test/factories";
import {
  createWebhook,
  deleteWebhook,
  LIMIT_MESSAGE,
  setWebhookEnabled,
  updateWebhook,
} from "./save-webhook";

const LIMIT_TEXT = "This app already has 3 webhooks, the most an app can have. Delete one to add another.";

/** The stored row, read straight from the table (not through the code under test). */
async function storedRow(id: string) {
  const [row] = await (await db()).select().from(webhooks).where(eq(webhooks.id, id));
  return row;
}

describe.each(dbTargets())("webhooks (%s)", (kind) => {
  useTestDatabase(kind);

  describe("the limit of three", () => {
    test("20 concurrent creates on an app with no webhooks leave exactly 3", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          createWebhook(actor.user.id, app.appKey, webhookBody({ name: `Concurrent ${i}` })),
        ),
      );

      const fulfilled = results.filter((r) => r.status === "fulfilled");
      const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(fulfilled).toHaveLength(3);
      expect(rejected).toHaveLength(17);
      for (const reason of rejected) {
        expect(reason).toMatchObject({ name: "AppError", code: "limit_reached", message: LIMIT_TEXT });
      }
      const rows = await listWebhooks(app.id);
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((row) => row.name)).size).toBe(3);
      const [listed] = await listAppsForTeam(app.teamId);
      expect(listed?.webhookCount).toBe(3);
    });

    test("concurrent creates with the same name store it once", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          createWebhook(actor.user.id, app.appKey, webhookBody({ name: i % 2 ? "Same Name" : "same name" })),
        ),
      );
      const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const reason of rejected) {
        expect(reason).toMatchObject({
          code: "invalid",
          fieldErrors: { name: "Another webhook of this app already has this name." },
        });
      }
      expect(await listWebhooks(app.id)).toHaveLength(1);
    });

    test("a fourth create after three is refused with the clear message, and nothing is stored", async () => {
      const { actor, app } = await makeTeamWithApp("admin");
      for (const name of ["One", "Two", "Three"]) {
        await createWebhook(actor.user.id, app.appKey, webhookBody({ name }));
      }
      const error = await appErrorOf(() =>
        createWebhook(actor.user.id, app.appKey, webhookBody({ name: "Four" })),
      );
      expect(error.code).toBe("limit_reached");
      expect(error.message).toBe(LIMIT_TEXT);
      expect(inEnglish(LIMIT_MESSAGE)).toBe(LIMIT_TEXT);
      expect((await listWebhooks(app.id)).map((row) => row.name)).toEqual(["One", "Two", "Three"]);
    });

    test("after deleting one of three, a new one can be created", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const created = [];
      for (const name of ["One", "Two", "Three"]) {
        created.push(await createWebhook(actor.user.id, app.appKey, webhookBody({ name })));
      }
      await deleteWebhook(actor.user.id, app.appKey, created[1]?.id ?? "");
      await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "Four" }));
      expect((await listWebhooks(app.id)).map((row) => row.name)).toEqual(["One", "Three", "Four"]);
    });
  });

  describe("create, update and delete", () => {
    test("create stores what was typed, events in catalog order", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const webhook = await createWebhook(actor.user.id, app.appKey, {
        name: "  DingTalk release bot ",
        type: "dingtalk",
        url: "https://oapi.dingtalk.com/robot/send?access_token=abc123def456",
        events: ["crashlog", "updateVersion"],
        language: "zh-CN",
        enabled: false,
      });
      const row = await storedRow(webhook.id);
      expect(row).toMatchObject({
        appId: app.id,
        name: "DingTalk release bot",
        type: "dingtalk",
        url: "https://oapi.dingtalk.com/robot/send?access_token=abc123def456",
        events: ["updateVersion", "crashlog"],
        language: "zh-CN",
        enabled: false,
        secretEncrypted: null,
        secretHint: null,
      });
    });

    test("invalid input is refused naming the field, and nothing is stored", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const error = await appErrorOf(() =>
        createWebhook(
          actor.user.id,
          app.appKey,
          webhookBody({ url: "ftp://files.example.test/x", events: [] }),
        ),
      );
      expect(error.code).toBe("invalid");
      expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["events", "url"]);
      expect(await listWebhooks(app.id)).toEqual([]);
    });

    test("a duplicate name (any case) is refused on create and on rename", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "Release Bot" }));
      const other = await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "Other" }));

      const onCreate = await appErrorOf(() =>
        createWebhook(actor.user.id, app.appKey, webhookBody({ name: "release bot" })),
      );
      expect(onCreate.code).toBe("invalid");
      expect(onCreate.fieldErrors).toEqual({ name: "Another webhook of this app already has this name." });

      const onRename = await appErrorOf(() =>
        updateWebhook(actor.user.id, app.appKey, other.id, webhookBody({ name: "RELEASE BOT" })),
      );
      expect(onRename.code).toBe("invalid");
      expect(onRename.fieldErrors).toEqual({ name: "Another webhook of this app already has this name." });
      expect((await storedRow(other.id))?.name).toBe("Other");
      expect(await listWebhooks(app.id)).toHaveLength(2);
    });

    test("the same name is fine in another app", async () => {
      const a = await makeTeamWithApp("owner");
      const b = await makeTeamWithApp("owner");
      await createWebhook(a.actor.user.id, a.app.appKey, webhookBody({ name: "Release bot" }));
      await createWebhook(b.actor.user.id, b.app.appKey, webhookBody({ name: "Release bot" }));
      expect(await listWebhooks(b.app.id)).toHaveLength(1);
    });

    test("renaming a webhook to its own name in another case is allowed", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const webhook = await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "release bot" }));
      await updateWebhook(actor.user.id, app.appKey, webhook.id, webhookBody({ name: "Release Bot" }));
      expect((await storedRow(webhook.id))?.name).toBe("Release Bot");
    });

    test("two concurrent renames to the same name: one wins, the other gets the name error", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const first = await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "First" }));
      const second = await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "Second" }));
      const results = await Promise.allSettled([
        updateWebhook(actor.user.id, app.appKey, first.id, webhookBody({ name: "Wanted" })),
        updateWebhook(actor.user.id, app.appKey, second.id, webhookBody({ name: "wanted" })),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.status === "rejected" && rejected.reason).toMatchObject({
        code: "invalid",
        fieldErrors: { name: "Another webhook of this app already has this name." },
      });
      const names = (await listWebhooks(app.id)).map((row) => row.name.toLowerCase()).sort();
      expect(names.filter((name) => name === "wanted")).toHaveLength(1);
    });

    test("update changes what was edited and keeps the rest", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const body = webhookBody({
        name: "Lark bot",
        type: "lark",
        url: "https://open.feishu.cn/open-apis/bot/v2/hook/2bd9a1b2-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
        secret: "lark-signing-secret-1234",
        events: ["feedback"],
        language: "zh-CN",
      });
      const created = await createWebhook(actor.user.id, app.appKey, body);
      const before = await storedRow(created.id);

      const updated = await updateWebhook(actor.user.id, app.appKey, created.id, {
        ...body,
        secret: "",
        enabled: false,
      });
      const after = await storedRow(created.id);
      expect(updated.enabled).toBe(false);
      expect(after).toEqual({
        ...before,
        enabled: false,
        updatedAt: after?.updatedAt,
      });
      expect(after?.createdAt).toEqual(before?.createdAt);
      expect(await listWebhooks(app.id)).toHaveLength(1);
    });

    test("the secret is stored encrypted; blank keeps it, a new one replaces it, clearSecret removes it", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const body = webhookBody({
        type: "dingtalk",
        url: "https://oapi.dingtalk.com/robot/send?access_token=abc123def456",
      });
      const plaintext = "SECa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2";
      const created = await createWebhook(actor.user.id, app.appKey, { ...body, secret: plaintext });

      const stored = await storedRow(created.id);
      expect(stored?.secretEncrypted).toBeTruthy();
      expect(stored?.secretEncrypted).not.toContain(plaintext);
      expect(JSON.stringify(stored)).not.toContain(plaintext);
      expect(decryptSecret(stored?.secretEncrypted ?? "")).toBe(plaintext);
      expect(stored?.secretHint).toBe("a1b2");

      // Blank secret on edit keeps the stored one (unchanged ciphertext).
      await updateWebhook(actor.user.id, app.appKey, created.id, { ...body, name: "Renamed", secret: "  " });
      const kept = await storedRow(created.id);
      expect(kept?.name).toBe("Renamed");
      expect(kept?.secretEncrypted).toBe(stored?.secretEncrypted);
      expect(kept?.secretHint).toBe("a1b2");

      // A new secret replaces it.
      await updateWebhook(actor.user.id, app.appKey, created.id, { ...body, secret: "SECnew-secret-9999" });
      const replaced = await storedRow(created.id);
      expect(decryptSecret(replaced?.secretEncrypted ?? "")).toBe("SECnew-secret-9999");
      expect(replaced?.secretHint).toBe("9999");

      // clearSecret removes it.
      await updateWebhook(actor.user.id, app.appKey, created.id, { ...body, clearSecret: true });
      const cleared = await storedRow(created.id);
      expect(cleared?.secretEncrypted).toBeNull();
      expect(cleared?.secretHint).toBeNull();
    });

    test("delete removes only that webhook", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const keep = await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "Keep" }));
      const drop = await createWebhook(actor.user.id, app.appKey, webhookBody({ name: "Drop" }));
      await deleteWebhook(actor.user.id, app.appKey, drop.id);
      expect((await listWebhooks(app.id)).map((row) => row.id)).toEqual([keep.id]);
      const again = await appErrorOf(() => deleteWebhook(actor.user.id, app.appKey, drop.id));
      expect(again.code).toBe("not_found");
    });
  });

  describe("Webhook State from the list (setWebhookEnabled)", () => {
    test("turns a webhook off and on, changes nothing else, and does not check the URL again", async () => {
      const { actor, app } = await makeTeamWithApp("admin");
      // A target that no longer resolves: saving the form would refuse it, the switch does not look.
      const { row: hook } = await insertWebhook(app.id, "https://gone.invalid/hooks/apphooks");
      const off = await setWebhookEnabled(actor.user.id, app.appKey, hook.id, false);
      expect(off.enabled).toBe(false);
      const stored = await storedRow(hook.id);
      expect(stored).toMatchObject({ enabled: false, name: hook.name, url: hook.url, events: hook.events });
      expect(stored?.updatedAt.getTime()).toBeGreaterThanOrEqual(hook.updatedAt.getTime());
      await setWebhookEnabled(actor.user.id, app.appKey, hook.id, true);
      expect((await storedRow(hook.id))?.enabled).toBe(true);
    });

    test("turning on clears an automatic disable's reason and starts a new failure streak", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const since = new Date(Date.now() - 6 * 24 * 60 * 60 * 1000);
      const { row: hook } = await insertWebhook(app.id, "https://receiver.example.test/hooks", {
        enabled: false,
        disabledReason: "Every attempt failed for 5 days.",
        disabledAt: new Date(),
        consecutiveFailures: 14,
        failingSince: since,
      });
      await setWebhookEnabled(actor.user.id, app.appKey, hook.id, true);
      expect(await storedRow(hook.id)).toMatchObject({
        enabled: true,
        disabledReason: null,
        disabledAt: null,
        consecutiveFailures: 0,
        failingSince: null,
      });
    });

    test("anything but true or false is refused naming Webhook State, and nothing changes", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const { row: hook } = await insertWebhook(app.id, "https://receiver.example.test/hooks");
      for (const value of ["false", 0, null, undefined, { enabled: false }]) {
        const error = await appErrorOf(() => setWebhookEnabled(actor.user.id, app.appKey, hook.id, value));
        expect(error.code).toBe("invalid");
        expect(error.fieldErrors).toEqual({ enabled: "Webhook State must be on or off." });
      }
      expect((await storedRow(hook.id))?.enabled).toBe(true);
    });

    test("a member is refused, another team's user and an unknown webhook get not_found", async () => {
      const { owner, actor: member, app } = await makeTeamWithApp("member");
      const stranger = await makeUser("Stella Stranger");
      const { row: hook } = await insertWebhook(app.id, "https://receiver.example.test/hooks");
      expect(
        (await appErrorOf(() => setWebhookEnabled(member.user.id, app.appKey, hook.id, false))).code,
      ).toBe("forbidden");
      expect(
        (await appErrorOf(() => setWebhookEnabled(stranger.user.id, app.appKey, hook.id, false))).code,
      ).toBe("not_found");
      for (const badId of ["not-a-uuid", "5f0c3c1e-8a4b-4b7e-9d2a-1c3e5f7a9b0d"]) {
        expect(
          (await appErrorOf(() => setWebhookEnabled(owner.user.id, app.appKey, badId, false))).code,
        ).toBe("not_found");
      }
      expect((await storedRow(hook.id))?.enabled).toBe(true);
    });
  });

  describe("roles", () => {
    test("a member can read webhooks but cannot create, update or delete them, and nothing changes", async () => {
      const { owner, actor: member, app } = await makeTeamWithApp("member");
      const existing = await createWebhook(owner.user.id, app.appKey, webhookBody({ name: "Existing" }));
      const before = await listWebhooks(app.id);

      const attempts = [
        () => createWebhook(member.user.id, app.appKey, webhookBody({ name: "By member" })),
        () =>
          updateWebhook(member.user.id, app.appKey, existing.id, webhookBody({ name: "Edited by member" })),
        () => deleteWebhook(member.user.id, app.appKey, existing.id),
        () => getWebhook(member.user.id, app.appKey, existing.id, "admin"),
      ];
      for (const attempt of attempts) {
        const error = await appErrorOf(attempt);
        expect(error.code).toBe("forbidden");
        expect(error.message).toBe("Your role in this team does not allow this.");
      }

      expect(await listWebhooks(app.id)).toEqual(before);
      const seen = await getWebhook(member.user.id, app.appKey, existing.id, "member");
      expect(seen.role).toBe("member");
      expect(seen.webhook.name).toBe("Existing");
    });

    test("an admin can create, update and delete", async () => {
      const { actor: admin, app } = await makeTeamWithApp("admin");
      const created = await createWebhook(admin.user.id, app.appKey, webhookBody({ name: "By admin" }));
      await updateWebhook(admin.user.id, app.appKey, created.id, webhookBody({ name: "Edited by admin" }));
      expect((await storedRow(created.id))?.name).toBe("Edited by admin");
      const { role } = await getWebhook(admin.user.id, app.appKey, created.id, "admin");
      expect(role).toBe("admin");
      await deleteWebhook(admin.user.id, app.appKey, created.id);
      expect(await listWebhooks(app.id)).toEqual([]);
    });
  });

  describe("team scoping", () => {
    test("a user of team B gets not_found for team A's app and webhooks in every action", async () => {
      const a = await makeTeamWithApp("owner");
      const b = await makeTeamWithApp("owner");
      const hookA = await createWebhook(a.actor.user.id, a.app.appKey, webhookBody({ name: "A's hook" }));
      const hookB = await createWebhook(b.actor.user.id, b.app.appKey, webhookBody({ name: "B's hook" }));
      const userB = b.actor.user.id;
      const beforeA = await listWebhooks(a.app.id);

      const attempts: Array<[string, () => Promise<unknown>]> = [
        ["requireApp", () => requireApp(userB, a.app.appKey)],
        ["createWebhook", () => createWebhook(userB, a.app.appKey, webhookBody())],
        ["updateWebhook", () => updateWebhook(userB, a.app.appKey, hookA.id, webhookBody())],
        ["deleteWebhook", () => deleteWebhook(userB, a.app.appKey, hookA.id)],
        ["getWebhook", () => getWebhook(userB, a.app.appKey, hookA.id, "member")],
        // A's webhook id under B's own app.
        ["updateWebhook via own app", () => updateWebhook(userB, b.app.appKey, hookA.id, webhookBody())],
        ["deleteWebhook via own app", () => deleteWebhook(userB, b.app.appKey, hookA.id)],
        ["getWebhook via own app", () => getWebhook(userB, b.app.appKey, hookA.id, "member")],
      ];
      for (const [label, attempt] of attempts) {
        const error = await appErrorOf(attempt);
        expect({ label, code: error.code }).toEqual({ label, code: "not_found" });
      }

      expect(await listWebhooks(a.app.id)).toEqual(beforeA);
      expect((await listWebhooks(b.app.id)).map((row) => row.id)).toEqual([hookB.id]);
    });

    test("another team's app is indistinguishable from one that does not exist", async () => {
      const a = await makeTeamWithApp("owner");
      const b = await makeTeamWithApp("owner");
      const foreign = await appErrorOf(() => requireApp(b.actor.user.id, a.app.appKey));
      const missing = await appErrorOf(() => requireApp(b.actor.user.id, "abcdefghijkmnpqr"));
      expect({ code: foreign.code, message: foreign.message }).toEqual({
        code: missing.code,
        message: missing.message,
      });
      // Even the role check does not leak: asking for admin rights on a foreign app is still not_found.
      expect((await appErrorOf(() => requireApp(b.actor.user.id, a.app.appKey, "admin"))).code).toBe(
        "not_found",
      );
    });

    test.each([
      "",
      "short",
      "ABCDEFGHJKMNPQRS",
      "abcdefghijkmnpq0",
      "../../etc/passwd",
      "abcdefghijkmnpqrs",
      "' or 1=1 --",
    ])("a malformed appKey %j is not_found", async (badKey) => {
      const { actor, app } = await makeTeamWithApp("owner");
      const hook = await createWebhook(actor.user.id, app.appKey, webhookBody());
      for (const attempt of [
        () => requireApp(actor.user.id, badKey),
        () => createWebhook(actor.user.id, badKey, webhookBody()),
        () => updateWebhook(actor.user.id, badKey, hook.id, webhookBody()),
        () => deleteWebhook(actor.user.id, badKey, hook.id),
        () => getWebhook(actor.user.id, badKey, hook.id, "member"),
      ]) {
        expect((await appErrorOf(attempt)).code).toBe("not_found");
      }
      expect(await listWebhooks(app.id)).toHaveLength(1);
    });

    test.each([
      "",
      "123",
      "not-a-uuid",
      "00000000-0000-0000-0000-000000000000",
      "5f0c3c1e-8a4b-4b7e-9d2a-1c3e5f7a9b0d",
    ])("a malformed or unknown webhook id %j is not_found", async (badId) => {
      const { actor, app } = await makeTeamWithApp("owner");
      await createWebhook(actor.user.id, app.appKey, webhookBody());
      for (const attempt of [
        () => updateWebhook(actor.user.id, app.appKey, badId, webhookBody()),
        () => deleteWebhook(actor.user.id, app.appKey, badId),
        () => getWebhook(actor.user.id, app.appKey, badId, "member"),
      ]) {
        const error = await appErrorOf(attempt);
        expect(error.code).toBe("not_found");
        expect(error.message).toBe("Webhook not found.");
      }
      expect(await listWebhooks(app.id)).toHaveLength(1);
    });
  });

  describe("digests (docs/robots.md#digests)", () => {
    const DING = "https://oapi.dingtalk.com/robot/send?access_token=abc123def456";

    test("a new robot webhook merges bursts unless told not to; a JSON webhook never does", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const robot = await createWebhook(
        actor.user.id,
        app.appKey,
        webhookBody({ type: "dingtalk", url: DING }),
      );
      expect((await storedRow(robot.id))?.digest).toBe(true);
      const off = await createWebhook(
        actor.user.id,
        app.appKey,
        webhookBody({ type: "dingtalk", url: DING, digest: false }),
      );
      expect((await storedRow(off.id))?.digest).toBe(false);
      const json = await createWebhook(actor.user.id, app.appKey, webhookBody({ digest: true }));
      expect((await storedRow(json.id))?.digest).toBe(false);
    });

    test("an edit without the field keeps it; with it, sets it; a bad value is refused and changes nothing", async () => {
      const { actor, app } = await makeTeamWithApp("owner");
      const robot = await createWebhook(
        actor.user.id,
        app.appKey,
        webhookBody({ type: "dingtalk", url: DING, digest: false }),
      );
      const body = webhookBody({ name: "Robot", type: "dingtalk", url: DING });
      await updateWebhook(actor.user.id, app.appKey, robot.id, body);
      expect((await storedRow(robot.id))?.digest).toBe(false);
      await updateWebhook(actor.user.id, app.appKey, robot.id, { ...body, digest: true });
      expect((await storedRow(robot.id))?.digest).toBe(true);
      const error = await appErrorOf(() =>
        updateWebhook(actor.user.id, app.appKey, robot.id, { ...body, digest: "yes" as unknown as boolean }),
      );
      expect(error).toMatchObject({
        code: "invalid",
        fieldErrors: { digest: "Merge bursts into digests must be on or off." },
      });
      expect((await storedRow(robot.id))?.digest).toBe(true);
    });
  });
});
