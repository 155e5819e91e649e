"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { ResendFailedResult } from "@/lib/delivery-log/resend-failed";
import type { TestResult } from "@/lib/delivery-log/send-test";
import type { ResendFailedInput, SendTestInput } from "@/lib/validation/delivery";
import type { DeliveryPageJson } from "./delivery-json";
import { DeliveryLog } from "./delivery-log";
import { ResendFailedPanel } from "./resend-failed-panel";
import { SendTestPanel } from "./send-test-panel";

type Props = {
  /** The JSON route of this webhook's log (polled). */
  logUrl: string;
  /** Links to one delivery: `${detailBase}/${id}`. */
  detailBase: string;
  /** The first page, rendered on the server. */
  initial: DeliveryPageJson;
  /** "Send test" for admins; absent for members. */
  sendTest?: (input: SendTestInput) => Promise<ActionResult<TestResult>>;
  /** "Resend failed since…" for admins; absent for members. */
  resendFailed?: (input: ResendFailedInput) => Promise<ActionResult<ResendFailedResult>>;
  /** Shown between the test panel and the log (e.g. the webhook's health). */
  children?: ReactNode;
};

/** The webhook's "Recent deliveries" page body: its own react-query client for the live log. */
export function DeliveriesView({ logUrl, detailBase, initial, sendTest, resendFailed, children }: Props) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <div className="flex flex-col gap-6">
        {sendTest ? <SendTestPanel sendTest={sendTest} logUrl={logUrl} /> : null}
        {children}
        <DeliveryLog logUrl={logUrl} detailBase={detailBase} initial={initial} />
        {resendFailed ? <ResendFailedPanel resendFailed={resendFailed} logUrl={logUrl} /> : null}
      </div>
    </QueryClientProvider>
  );
}
