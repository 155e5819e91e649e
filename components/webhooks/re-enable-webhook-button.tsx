"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

type Props = { name: string; action: () => Promise<ActionResult> };

/** "Re-enable": one click turns an automatically disabled webhook back on; a failure is shown beside it. */
export function ReEnableWebhookButton({ name, action }: Props) {
  const router = useRouter();
  const { pending, run, failure } = useAction(action);
  const t = useTranslations("webhooks.reEnable");

  return (
    <div className="mt-2 flex flex-wrap items-center gap-3">
      <Button
        size="sm"
        variant="secondary"
        pending={pending}
        onClick={() =>
          run(undefined, () => {
            toast({ title: t("done", { name }), tone: "success" });
            router.refresh();
          })
        }
      >
        {t("button")}
      </Button>
      {failure ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {failure.error}
        </p>
      ) : null}
    </div>
  );
}
