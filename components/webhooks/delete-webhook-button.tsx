"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

type Props = { name: string; action: () => Promise<ActionResult> };

/** "Delete" asks for confirmation first; the webhook stops receiving events as soon as it is deleted. */
export function DeleteWebhookButton({ name, action }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { pending, run, failure } = useAction(action);
  const t = useTranslations("webhooks.delete");

  function confirm() {
    run(undefined, () => {
      setOpen(false);
      toast({ title: t("deleted", { name }), tone: "success" });
      router.refresh();
    });
  }

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => setOpen(true)}
        className="text-red-700 hover:text-red-800"
      >
        {t("button")}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("title", { name })}
        description={
          <>
            {t("description")}
            {failure ? <span className="mt-2 block font-medium text-red-700">{failure.error}</span> : null}
          </>
        }
        confirmLabel={t("confirm")}
        onConfirm={confirm}
        pending={pending}
      />
    </>
  );
}
