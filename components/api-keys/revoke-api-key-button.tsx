"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

export function RevokeApiKeyButton({ name, action }: { name: string; action: () => Promise<ActionResult> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { pending, run, failure } = useAction(action);
  const t = useTranslations("apiKeys.revoke");
  return (
    <>
      <Button variant="ghost" size="sm" className="text-red-700 max-sm:-ml-3" onClick={() => setOpen(true)}>
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
        pending={pending}
        onConfirm={() =>
          run(undefined, () => {
            setOpen(false);
            toast({ title: t("done", { name }), tone: "success" });
            router.refresh();
          })
        }
      />
    </>
  );
}
