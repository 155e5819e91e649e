import { describe, expect, test } from "vitest";
import { ROBOT_KEYWORDS } from "@/lib/delivery/formats";
import { DINGTALK_BODY_LIMIT } from "@/lib/delivery/formats/dingtalk";
import { WECOM_MARKDOWN_LIMIT } from "@/lib/delivery/formats/wecom";
import { updatePayloadTimeZone } from "@/lib/teams/team-settings";
import { uploadVersion } from "@/lib/versions/save-version";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, makeUser } from "@/test/factories";
import { previewWebhook } from "./preview-webhook";

const UPLOAD = { version: "3.1.4", build: "207", sizeBytes: "1048576", notes: "Dark mode." };

describe.each(dbTargets())("previewWebhook (%s)", (kind) => {
  useTestDatabase(kind);

  test("an app without versions: the catalog's sample about this app, said so", async () => {
    const { actor, app } = await makeTeamWithApp("admin");
    const preview = await previewWebhook(actor.user.id, app.appKey, {
      type: "json",
      language: "en",
      event: "updateVersion",
    });
    expect(preview.source).toEqual({ kind: "catalog" });
    const body = JSON.parse(preview.body);
    expect(body).toMatchObject({
      type: "updateVersion",
      title: app.name,
      app_key: app.appKey,
      os_version: "2.4",
    });
    expect(body.test).toBeUndefined();
    expect(preview.robot).toBeNull();
    expect(preview.limit).toBeNull();
  });

  test("JSON: the body with the app's latest version, the headers sent and the signature named, computed at send time", async () => {
    const { actor, app } = await makeTeamWithApp("admin");
    const version = await uploadVersion(actor.user.id, app.appKey, UPLOAD);
    const preview = await previewWebhook(actor.user.id, app.appKey, {
      type: "json",
      language: "zh-CN",
      event: "updateVersion",
    });
    expect(preview.source).toEqual({ kind: "latestVersion", version: "3.1.4", build: "207" });
    const body = JSON.parse(preview.body);
    expect(body).toMatchObject({
      action: "应用更新",
      os_version: "3.1.4",
      build_version: "207",
      appsize: "1048576",
      notes: "Dark mode.",
      data: { version_id: version.id },
    });
    const headers = Object.fromEntries(preview.headers.map((h) => [h.name, h]));
    expect(headers["webhook-id"]).toMatchObject({ value: body.event_id, atSendTime: true });
    expect(headers["webhook-timestamp"]?.atSendTime).toBe(true);
    expect(headers["webhook-signature"]).toMatchObject({ atSendTime: true });
    expect(headers["webhook-signature"]?.value).toContain("HMAC-SHA256");
    expect(headers["X-AppHooks-Event"]).toMatchObject({ value: "updateVersion", atSendTime: false });
    expect(preview.bytes).toBe(Buffer.byteLength(preview.body));
  });

  test("DingTalk: its markdown with the keyword and the real version, measured against its body limit", async () => {
    const { actor, owner, app, team } = await makeTeamWithApp("admin");
    await uploadVersion(actor.user.id, app.appKey, UPLOAD);
    await updatePayloadTimeZone(owner.user.id, team.id, { timeZone: "Asia/Shanghai" });
    const preview = await previewWebhook(actor.user.id, app.appKey, {
      type: "dingtalk",
      language: "en",
      event: "updateVersion",
    });
    const body = JSON.parse(preview.body);
    expect(body.msgtype).toBe("markdown");
    expect(preview.robot?.markup).toBe("markdown");
    expect(preview.robot?.text).toBe(body.markdown.text);
    expect(preview.robot?.text).toContain(ROBOT_KEYWORDS.en);
    expect(preview.robot?.text).toContain("3.1.4");
    expect(preview.limit).toEqual({ measured: "body", bytes: preview.bytes, limit: DINGTALK_BODY_LIMIT });
    expect(preview.timeZone).toBe("Asia/Shanghai");
    expect(preview.headers.map((h) => h.name)).not.toContain("webhook-signature");
  });

  test("WeCom: the markdown content is what is measured against its 4096 bytes", async () => {
    const { actor, app } = await makeTeamWithApp("admin");
    const preview = await previewWebhook(actor.user.id, app.appKey, {
      type: "wecom",
      language: "zh-CN",
      event: "feedback",
    });
    const content = JSON.parse(preview.body).markdown.content as string;
    expect(preview.robot?.text).toBe(content);
    expect(content).toContain(ROBOT_KEYWORDS.zh);
    expect(preview.limit).toEqual({
      measured: "markdown",
      bytes: Buffer.byteLength(content),
      limit: WECOM_MARKDOWN_LIMIT,
    });
  });

  test("Slack's text is mrkdwn; every robot type has its text", async () => {
    const { actor, app } = await makeTeamWithApp("admin");
    for (const type of ["lark", "slack", "discord", "teams"] as const) {
      const preview = await previewWebhook(actor.user.id, app.appKey, {
        type,
        language: "en",
        event: "crashlog",
      });
      expect(preview.robot?.text).toContain("NSInvalidArgumentException");
      expect(preview.robot?.markup).toBe(type === "slack" ? "mrkdwn" : "markdown");
    }
  });

  test("bad input is refused with the field's error; members and other teams are refused", async () => {
    const { actor, owner, app } = await makeTeamWithApp("member");
    const bad = await appErrorOf(() =>
      previewWebhook(owner.user.id, app.appKey, { type: "fax", language: "en", event: "feedback" }),
    );
    expect(bad.code).toBe("invalid");
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(["type"]);
    const member = await appErrorOf(() =>
      previewWebhook(actor.user.id, app.appKey, { type: "json", language: "en", event: "feedback" }),
    );
    expect(member.code).toBe("forbidden");
    const stranger = await makeUser("Stan Stranger");
    const foreign = await appErrorOf(() =>
      previewWebhook(stranger.user.id, app.appKey, { type: "json", language: "en", event: "feedback" }),
    );
    expect(foreign.code).toBe("not_found");
  });
});
