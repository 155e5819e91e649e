import { afterAll, describe, expect, test, vi } from "vitest";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { env } from "@/lib/env";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeTeamWithApp, webhookBody } from "@/test/factories";
import { createWebhook, updateWebhook } from "./save-webhook";

// As in production: private targets refused. `env()` is parsed on first use, after this line.
vi.stubEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", "false");
afterAll(() => {
  vi.unstubAllEnvs();
});

describe.each(dbTargets())("webhook targets when private targets are refused (%s)", (kind) => {
  useTestDatabase(kind);

  test("the environment refuses private targets", () => {
    expect(env().WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(false);
  });

  test.each([
    "http://127.0.0.1:4000/hook",
    "http://[::1]/hook",
    "http://10.0.0.5/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]/hook",
    "http://2130706433/hook",
    "http://[::127.0.0.1]/hook",
    // A name that resolves (through the machine's real resolver) to loopback.
    "http://localhost:4000/hook",
  ])("saving %s is refused on the URL field and nothing is stored", async (url) => {
    const { actor, app } = await makeTeamWithApp("owner");
    const error = await appErrorOf(() => createWebhook(actor.user.id, app.appKey, webhookBody({ url })));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors?.url).toMatch(/^This URL points at a private or local address \(.+\)/);
    expect(await listWebhooks(app.id)).toEqual([]);
  });

  test("a public address is accepted, and editing it to a private one is refused", async () => {
    const { actor, app } = await makeTeamWithApp("owner");
    const webhook = await createWebhook(
      actor.user.id,
      app.appKey,
      webhookBody({ url: "https://93.184.215.14/hook" }),
    );
    const error = await appErrorOf(() =>
      updateWebhook(actor.user.id, app.appKey, webhook.id, webhookBody({ url: "http://192.168.1.1/hook" })),
    );
    expect(error.fieldErrors?.url).toContain("192.168.1.1");
    expect((await listWebhooks(app.id)).map((row) => row.url)).toEqual(["https://93.184.215.14/hook"]);
  });
});
