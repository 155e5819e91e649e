"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Switch } from "@/components/ui/switch";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  webhookId: string;
  name: string;
  enabled: boolean;
  action: (enabled: boolean) => Promise<ActionResult>;
};

/**
 * Webhook State in the list: turning it saves at once, and the toast that says so has "Undo", which puts the
 * previous state back. Its visible label is the column header (or, on a phone, the card's line label).
 */
export function WebhookStateSwitch({ webhookId, name, enabled, action }: Props) {
  const router = useRouter();
  const { pending, run, failure } = useAction(action);
  const t = useTranslations("webhooks.state");
  // The state asked for, shown while it is saved and until the refreshed page brings it as `enabled`.
  const [requested, setRequested] = useState<boolean | null>(null);
  const [saved, setSaved] = useState(enabled);
  if (saved !== enabled) {
    setSaved(enabled);
    setRequested(null);
  }
  const checked = failure && !pending ? enabled : (requested ?? enabled);

  function save(next: boolean, undoing: boolean) {
    setRequested(next);
    run(next, () => {
      toast(
        undoing
          ? { title: t(next ? "onAgain" : "offAgain", { name }), tone: "success" }
          : {
              title: t(next ? "turnedOn" : "turnedOff", { name }),
              tone: "success",
              action: { label: t("undo"), onClick: () => save(!next, true) },
            },
      );
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <Switch
        id={`webhook-state-${webhookId}`}
        label={t("label", { name })}
        labelHidden
        checked={checked}
        onCheckedChange={(next) => (pending ? undefined : save(next, false))}
      />
      {failure && !pending ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {failure.error}
        </p>
      ) : null}
    </div>
  );
}
