"use client";

import { useTranslations } from "next-intl";
import { useFormatTime } from "@/components/ui/time";
import type { DisabledFacts } from "@/lib/domain/disabled-facts";

type Props = {
  /** The stored English sentence: shown as it is for a webhook turned off before its facts were kept. */
  reason: string;
  facts: DisabledFacts | null;
  at: Date | string | null;
};

/** Why the automatic disable turned a webhook off, in the viewer's language and time zone. */
export function DisabledReason({ reason, facts, at }: Props) {
  const t = useTranslations("webhooks.disabledReason");
  const formatTime = useFormatTime();
  if (!facts || !at) return <>{reason}</>;
  const values = { at: formatTime(at), count: facts.failures, since: formatTime(facts.since) };
  return <>{facts.last ? t("withLast", { ...values, last: facts.last }) : t("plain", values)}</>;
}
