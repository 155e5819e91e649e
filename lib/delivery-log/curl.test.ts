import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { drainOnce } from "@/lib/delivery/worker";
import { createWebhook } from "@/lib/webhooks/save-webhook";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { emitSample } from "@/test/event-fixtures";
import { addMember, makeTeamWithApp, makeUser, type TeamWithApp, webhookBody } from "@/test/factories";
import { type Receiver, startReceiver } from "@/test/receiver";
import { curlCommand } from "./curl";
import { listDeliveries } from "./list-deliveries";

describe.each(dbTargets())("Copy as cURL (%s)", (kind) => {
  useTestDatabase(kind);
  let receiver: Receiver;
  let context: TeamWithApp;

  beforeAll(async () => {
    receiver = await startReceiver();
    context = await makeTeamWithApp("owner");
  });
  afterAll(async () => {
    await receiver?.close();
  });

  test("the command, run with curl, sends the delivery's body signed now: it verifies; members may not", async () => {
    const webhook = await createWebhook(
      context.owner.user.id,
      context.app.appKey,
      webhookBody({ url: receiver.url("/curl"), events: ["crashlog"] }),
    );
    const event = await emitSample("crashlog", { teamId: context.team.id, app: context.app });
    await drainOnce({ config: { schedule: [0] } });
    const [delivery] = (await listDeliveries(context.owner.user.id, context.app.appKey, webhook.id, {}))
      .deliveries;
    if (!delivery) throw new Error("no delivery");

    const command = await curlCommand(context.owner.user.id, delivery.id);
    expect(command).toMatch(/^curl -X POST '/);
    // Asynchronously: the receiver answers from this process.
    await promisify(execFile)("sh", ["-c", `${command} --silent --show-error --fail --max-time 10`]);

    const [sent, replayed] = receiver.requestsTo("/curl");
    expect(replayed?.body).toBe(sent?.body);
    expect(replayed?.headers["webhook-id"]).toBe(event.id);
    const { secret } = await revealSigningSecret(context.owner.user.id, context.app.appKey, webhook.id);
    const verified = new StandardWebhook(secret).verify(replayed?.body ?? "", {
      "webhook-id": String(replayed?.headers["webhook-id"]),
      "webhook-timestamp": String(replayed?.headers["webhook-timestamp"]),
      "webhook-signature": String(replayed?.headers["webhook-signature"]),
    });
    expect(verified).toMatchObject({ type: "crashlog", event_id: event.id });

    const member = await makeUser();
    await addMember(context.team.id, member.user.id, "member");
    expect((await appErrorOf(() => curlCommand(member.user.id, delivery.id))).code).toBe("forbidden");
    const stranger = await makeUser();
    expect((await appErrorOf(() => curlCommand(stranger.user.id, delivery.id))).code).toBe("not_found");
  });
});
