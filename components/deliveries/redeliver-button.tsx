"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import type { DeliverySummary } from "@/lib/delivery-log/list-deliveries";

type Props = { redeliver: () => Promise<ActionResult<DeliverySummary>> };

/** "Redeliver": queues one more attempt of this delivery (same webhook-id), due now, and says so. */
export function RedeliverButton({ redeliver }: Props) {
  const router = useRouter();
  const action = useAction(redeliver);
  const [queued, setQueued] = useState<number | null>(null);
  const t = useTranslations("deliveries.redeliver");
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="secondary"
        pending={action.pending}
        onClick={() =>
          action.run(undefined, (summary) => {
            setQueued(summary.attempts + 1);
            router.refresh();
          })
        }
      >
        {t("button")}
      </Button>
      <div aria-live="polite">
        {action.error ? <Alert tone="danger">{action.error}</Alert> : null}
        {queued !== null && !action.error ? (
          <Alert tone="info">{t("queued", { number: queued })}</Alert>
        ) : null}
      </div>
    </div>
  );
}
