"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/lib/action-result";
import { actionOrigin } from "@/lib/audit/origin";
import { actionUserId } from "@/lib/auth/session";
import { curlCommand } from "@/lib/delivery-log/curl";
import type { DeliverySummary } from "@/lib/delivery-log/list-deliveries";
import { redeliver } from "@/lib/delivery-log/redeliver";
import { type ResendFailedResult, resendFailed } from "@/lib/delivery-log/resend-failed";
import { sendTest, type TestResult } from "@/lib/delivery-log/send-test";
import type { ResendFailedInput, SendTestInput } from "@/lib/validation/delivery";

/**
 * "Send test": a sample event of the chosen type, sent now; answers the result (admins only, checked in lib/).
 * The page is refreshed so that its health numbers count the test.
 */
export async function sendTestAction(
  appKey: string,
  webhookId: string,
  input: SendTestInput,
): Promise<ActionResult<TestResult>> {
  return runAction(async () => {
    const result = await sendTest(await actionUserId(), appKey, webhookId, input);
    revalidatePath(`/apps/${appKey}/settings/webhooks/${webhookId}/deliveries`);
    return result;
  });
}

/** "Redeliver": one more attempt of the delivery, due now, same webhook-id (admins only, checked in lib/). */
export async function redeliverAction(
  appKey: string,
  webhookId: string,
  deliveryId: string,
): Promise<ActionResult<DeliverySummary>> {
  return runAction(async () => {
    const queued = await redeliver(await actionUserId(), deliveryId);
    revalidatePath(`/apps/${appKey}/settings/webhooks/${webhookId}/deliveries`, "layout");
    return queued;
  });
}

/**
 * "Resend failed since…": one more attempt of every failed delivery of the webhook since a time, at most
 * 10,000 a request (admins only, checked in lib/).
 */
export async function resendFailedAction(
  appKey: string,
  webhookId: string,
  input: ResendFailedInput,
): Promise<ActionResult<ResendFailedResult>> {
  return runAction(async () => {
    const result = await resendFailed(await actionUserId(), appKey, webhookId, input, await actionOrigin());
    revalidatePath(`/apps/${appKey}/settings/webhooks/${webhookId}/deliveries`, "layout");
    return result;
  });
}

/** "Copy as cURL": the delivery's request signed now, as a curl command (admins only, checked in lib/). */
export async function curlCommandAction(deliveryId: string): Promise<ActionResult<{ command: string }>> {
  return runAction(async () => ({ command: await curlCommand(await actionUserId(), deliveryId) }));
}
