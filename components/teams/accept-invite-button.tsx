"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

export function AcceptInviteButton({
  teamName,
  action,
}: {
  teamName: string;
  action: () => Promise<ActionResult>;
}) {
  const router = useRouter();
  const { pending, run, error } = useAction(action);
  const t = useTranslations("auth.invite");
  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <Button
        pending={pending}
        onClick={() =>
          run(undefined, () => {
            toast({ title: t("joined", { team: teamName }), tone: "success" });
            router.push("/apps");
            router.refresh();
          })
        }
      >
        {t("accept")}
      </Button>
    </div>
  );
}
