"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

export function RevokeInviteButton({ action }: { action: () => Promise<ActionResult> }) {
  const router = useRouter();
  const { pending, run, failure } = useAction(action);
  const t = useTranslations("members.revoke");
  return (
    <span className="inline-flex items-center gap-2">
      {failure ? <span className="text-xs font-medium text-red-700">{failure.error}</span> : null}
      <Button
        variant="ghost"
        size="sm"
        className="max-sm:-ml-3"
        pending={pending}
        onClick={() =>
          run(undefined, () => {
            toast({ title: t("done"), tone: "success" });
            router.refresh();
          })
        }
      >
        {t("button")}
      </Button>
    </span>
  );
}
