import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AttemptCard } from "@/components/deliveries/attempt-card";
import { DeliveryStatusBadge } from "@/components/deliveries/delivery-status-badge";
import { RedeliverButton } from "@/components/deliveries/redeliver-button";
import { RefreshWhile } from "@/components/deliveries/refresh-while";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireAppPage } from "@/lib/auth/session";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { EVENT_LABELS } from "@/lib/domain/event-catalog";
import { can } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { formatUtc } from "@/lib/format";
import { redeliverAction } from "../actions";

export const metadata: Metadata = { title: "Delivery" };

type Props = { params: Promise<{ appKey: string; webhookId: string; deliveryId: string }> };

export default async function DeliveryPage({ params }: Props) {
  const { appKey, webhookId, deliveryId } = await params;
  const { user, role } = await requireAppPage(appKey);
  const delivery = await getDelivery(user.id, deliveryId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  if (delivery.appKey !== appKey || delivery.webhookId !== webhookId) notFound();
  const logHref = `/apps/${appKey}/settings/webhooks/${webhookId}/deliveries`;
  const live = delivery.status === "pending" || delivery.status === "sending";
  const facts: Array<[string, ReactNode]> = [
    ["Status", <DeliveryStatusBadge key="status" status={delivery.status} />],
    ["Event", EVENT_LABELS[delivery.eventType].en],
    [
      "webhook-id",
      <span key="id" className="font-mono text-xs break-all">
        {delivery.eventId}
      </span>,
    ],
    ["Created", formatUtc(delivery.createdAt)],
    ["Attempts", delivery.attempts],
    ["Last HTTP code", delivery.lastStatusCode ?? "—"],
    ["Next retry", delivery.nextAttemptAt ? formatUtc(delivery.nextAttemptAt) : "—"],
  ];
  if (delivery.carriedBy) {
    facts.push([
      "Delivered in digest",
      <Link
        key="digest"
        href={`${logHref}/${delivery.carriedBy}`}
        className="font-medium text-indigo-700 underline"
      >
        Open the digest message that carried this event
      </Link>,
    ]);
  }
  if (delivery.carries) {
    facts.push([
      "Digest",
      `This message carried ${delivery.carries} events. Redeliver resends the same digest.`,
    ]);
  }
  if (delivery.lastError) facts.push(["Last error", delivery.lastError]);
  return (
    <div className="flex flex-col gap-5">
      <RefreshWhile active={live} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 className="flex items-center gap-2 text-lg font-semibold">
          Delivery of {EVENT_LABELS[delivery.eventType].en}
          {delivery.test ? <Badge tone="warning">Test</Badge> : null}
        </h2>
        <ButtonLink href={logHref} variant="secondary">
          Back to deliveries
        </ButtonLink>
      </div>
      <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-zinc-900">{label}</dt>
            <dd className="text-zinc-700">{value}</dd>
          </div>
        ))}
      </dl>
      {can.editWebhooks(role) ? (
        <RedeliverButton redeliver={redeliverAction.bind(null, appKey, webhookId, delivery.id)} />
      ) : null}
      <section aria-labelledby="attempts-title" className="flex flex-col gap-4">
        <h3 id="attempts-title" className="text-base font-semibold">
          Attempts
        </h3>
        {delivery.attemptsList.length === 0 ? (
          <EmptyState
            as="h3"
            title="No attempt yet"
            description={live ? "The first attempt is on its way; this page updates by itself." : undefined}
          />
        ) : (
          [...delivery.attemptsList]
            .reverse()
            .map((attempt) => <AttemptCard key={attempt.attempt} attempt={attempt} />)
        )}
      </section>
    </div>
  );
}
