import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AttemptCard } from "@/components/deliveries/attempt-card";
import { CopyCurlButton } from "@/components/deliveries/copy-curl-button";
import { DeliveryStatusBadge } from "@/components/deliveries/delivery-status-badge";
import { RedeliverButton } from "@/components/deliveries/redeliver-button";
import { RefreshWhile } from "@/components/deliveries/refresh-while";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { requireAppPage } from "@/lib/auth/session";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { can } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { curlCommandAction, redeliverAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("deliveries.detail"))("metaTitle") };
}

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
  const t = await getTranslations();
  const event = t(`events.${delivery.eventType}`);
  const facts: Array<[string, ReactNode]> = [
    [
      t("deliveries.detail.status"),
      <DeliveryStatusBadge key="status" status={delivery.status} attempts={delivery.attempts} />,
    ],
    [t("deliveries.detail.event"), event],
    [
      "webhook-id",
      <span key="id" className="font-mono text-xs break-all">
        {delivery.eventId}
      </span>,
    ],
    [t("deliveries.detail.created"), <Time key="created" value={delivery.createdAt} />],
    [t("deliveries.detail.attempts"), delivery.attempts],
    [t("deliveries.detail.lastHttpCode"), delivery.lastStatusCode ?? "—"],
    [
      t("deliveries.detail.nextRetry"),
      delivery.nextAttemptAt ? <Time key="next" value={delivery.nextAttemptAt} /> : "—",
    ],
  ];
  if (delivery.carriedBy) {
    facts.push([
      t("deliveries.detail.inDigest"),
      <Link
        key="digest"
        href={`${logHref}/${delivery.carriedBy}`}
        className="font-medium text-indigo-700 underline"
      >
        {t("deliveries.detail.openDigest")}
      </Link>,
    ]);
  }
  if (delivery.carries) {
    facts.push([t("deliveries.detail.digest"), t("deliveries.detail.carries", { count: delivery.carries })]);
  }
  if (delivery.lastError) facts.push([t("deliveries.detail.lastError"), delivery.lastError]);
  return (
    <div className="flex flex-col gap-5">
      <RefreshWhile active={live} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 className="flex items-center gap-2 text-lg font-semibold">
          {t("deliveries.detail.title", { event })}
          {delivery.test ? <Badge tone="warning">{t("deliveries.log.test")}</Badge> : null}
        </h2>
        <ButtonLink href={logHref} variant="secondary">
          {t("deliveries.detail.back")}
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
        <div className="flex flex-wrap items-start gap-3">
          <RedeliverButton redeliver={redeliverAction.bind(null, appKey, webhookId, delivery.id)} />
          <CopyCurlButton curl={curlCommandAction.bind(null, delivery.id)} />
        </div>
      ) : null}
      <section aria-labelledby="attempts-title" className="flex flex-col gap-4">
        <h3 id="attempts-title" className="text-base font-semibold">
          {t("deliveries.detail.attemptsTitle")}
        </h3>
        {delivery.attemptsList.length === 0 ? (
          <EmptyState
            as="h3"
            title={t("deliveries.detail.noAttemptTitle")}
            description={live ? t("deliveries.detail.noAttemptLive") : undefined}
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
